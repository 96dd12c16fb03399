package io.github.atomiccounters.vtl.velocity24;

import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/** Shared logic of the null-aware comparison nodes. */
final class NullAware {
    private NullAware() {
    }

    /**
     * API Gateway: in {@code ==}/{@code !=} null compares equal to null and to {@code ""}. Called when at least one
     * side is null. A non-null side counts as "null-like" when its string form is empty.
     */
    static boolean equalWhenOneIsNull(Object left, Object right) {
        Object other = left == null ? right : left;
        if (other == null) {
            return true;
        }
        if (other instanceof CharSequence cs) {
            return cs.length() == 0;
        }
        return false;
    }

    /** Moves the children of {@code from} under {@code to}. */
    static void adopt(SimpleNode from, SimpleNode to) {
        for (int i = 0; i < from.jjtGetNumChildren(); i++) {
            Node c = from.jjtGetChild(i);
            c.jjtSetParent(to);
            to.jjtAddChild(c, i);
        }
    }
}
