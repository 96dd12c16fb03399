package io.github.atomiccounters.vtl.internal;

import java.io.Reader;
import java.util.Set;

import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.StandardParser;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTEQNode;
import org.apache.velocity.runtime.parser.node.ASTNENode;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Velocity's standard parser plus an AST post-processing pass that makes the result behave like API Gateway.
 *
 * <ul>
 *   <li>{@code ==} and {@code !=} nodes are replaced by {@link NullAwareEQNode}/{@link NullAwareNENode}, in which
 *       null equals null and the empty string.</li>
 *   <li>{@code #include}, {@code #parse} and {@code #evaluate} are rejected at parse time: API Gateway has no
 *       template files to include and offers no dynamic evaluation.</li>
 * </ul>
 *
 * Installed through {@code parser.class}, so it also processes the templates Velocity parses on its own
 * (interpolated string literals such as {@code "#if($a == '')x#end"}). Internal: public only for Velocity's
 * reflection.
 */
public class AwsVtlParser extends StandardParser {

    static final Set<String> FORBIDDEN_DIRECTIVES = Set.of("include", "parse", "evaluate");

    public AwsVtlParser(RuntimeServices rs) {
        super(rs);
    }

    @Override
    public SimpleNode parse(Reader reader, Template template) throws ParseException {
        SimpleNode root = super.parse(reader, template);
        patch(root);
        return root;
    }

    private static void patch(Node node) {
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            Node child = node.jjtGetChild(i);
            if (child instanceof ASTDirective directive
                    && FORBIDDEN_DIRECTIVES.contains(directive.getDirectiveName())) {
                int line = directive.getFirstToken() == null ? 0 : directive.getFirstToken().beginLine;
                int column = directive.getFirstToken() == null ? 0 : directive.getFirstToken().beginColumn;
                ParseException e = new ParseException("#" + directive.getDirectiveName()
                        + " is not supported in API Gateway mapping templates (line " + line + ", column " + column
                        + ")");
                throw new ForbiddenDirectiveException(e, line, column);
            }
            Node replacement = null;
            if (child.getClass() == ASTNENode.class) {
                replacement = new NullAwareNENode((SimpleNode) child);
            } else if (child.getClass() == ASTEQNode.class) {
                replacement = new NullAwareEQNode((SimpleNode) child);
            }
            if (replacement != null) {
                replacement.jjtSetParent(node);
                node.jjtAddChild(replacement, i);
                child = replacement;
            }
            patch(child);
        }
    }

    /** Thrown out of {@link #parse} when a forbidden directive is found (unchecked: the parser API only allows
     * {@link ParseException}, which this carries). */
    public static final class ForbiddenDirectiveException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        ForbiddenDirectiveException(ParseException cause, int line, int column) {
            super(cause.getMessage(), cause);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }
}
