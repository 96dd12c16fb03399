package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.runtime.parser.node.ASTEQNode;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/** {@code ==} where null equals null and {@code ""} (API Gateway); otherwise Velocity's own comparison. */
public final class NullAwareEQNode extends ASTEQNode {

    NullAwareEQNode(SimpleNode original) {
        super(original.getParser(), original.getType());
        this.first = original.getFirstToken();
        this.last = original.getLastToken();
        this.template = original.getTemplate();
        NullAware.adopt(original, this);
    }

    @Override
    public boolean compareNull(Object left, Object right) {
        return NullAware.equalWhenOneIsNull(left, right);
    }
}
