package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.ASTExpression;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * The right-hand side of a {@code #set} under Velocity 1.7's rule: when it evaluates to null, the variable keeps
 * its value (the set writes the current value back). Only used for the {@link
 * io.github.atomiccounters.vtl.VtlSemantics.SetNull#KEEPS_VALUE} alternative. Internal: public only for Velocity.
 */
public final class KeepValueOnNullExpression extends ASTExpression {

    private final ASTReference target;

    KeepValueOnNullExpression(SimpleNode original, ASTReference target) {
        super(original.getParser(), original.getType());
        this.first = original.getFirstToken();
        this.last = original.getLastToken();
        this.template = original.getTemplate();
        this.target = target;
        NullAware.adopt(original, this);
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Object value = super.value(context);
        return value != null ? value : target.value(context);
    }
}
