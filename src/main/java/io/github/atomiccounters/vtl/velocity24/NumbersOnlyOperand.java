package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.ASTExpression;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * An operand of {@code - * / %} under Velocity 1.7's rule: only a Number takes part in arithmetic; anything else
 * (a numeric string included) is null, so the operation renders nothing. Velocity 2 would convert {@code "12"} to
 * 12; templates must not rely on either. Internal: public only for Velocity.
 */
public final class NumbersOnlyOperand extends ASTExpression {

    NumbersOnlyOperand(SimpleNode operand) {
        super(operand.getParser(), operand.getType());
        this.first = operand.getFirstToken();
        this.last = operand.getLastToken();
        this.template = operand.getTemplate();
        jjtAddChild(operand, 0);
        operand.jjtSetParent(this);
    }

    @Override
    public Object value(InternalContextAdapter context) {
        Object value = jjtGetChild(0).value(context);
        return value instanceof Number ? value : null;
    }
}
