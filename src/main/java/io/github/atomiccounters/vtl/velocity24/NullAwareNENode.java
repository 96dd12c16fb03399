package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.runtime.parser.node.ASTNENode;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/** {@code !=}: the negation of {@link NullAwareEQNode} ({@code ASTNENode.evaluate} negates the inherited
 * {@code ==} evaluation, which calls this {@link #compareNull}). */
public final class NullAwareNENode extends ASTNENode {

    NullAwareNENode(SimpleNode original) {
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
