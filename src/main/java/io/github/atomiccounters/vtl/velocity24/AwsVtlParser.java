package io.github.atomiccounters.vtl.velocity24;

import java.io.Reader;
import java.util.Set;

import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.StandardParser;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTDivNode;
import org.apache.velocity.runtime.parser.node.ASTModNode;
import org.apache.velocity.runtime.parser.node.ASTMulNode;
import org.apache.velocity.runtime.parser.node.ASTSubtractNode;
import org.apache.velocity.runtime.parser.node.ASTEQNode;
import org.apache.velocity.runtime.parser.node.ASTExpression;
import org.apache.velocity.runtime.parser.node.ASTNENode;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTSetDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * Velocity's standard parser plus an AST post-processing pass that makes the result behave like API Gateway.
 *
 * <ul>
 *   <li>{@code ==} and {@code !=} nodes are replaced by {@link NullAwareEQNode}/{@link NullAwareNENode}, in which
 *       null equals null and the empty string (unless {@link #NULL_EQUALS_EMPTY} is false).</li>
 *   <li>Unless {@link #MATH_COERCES_STRINGS}, each operand of {@code - * / %} becomes a {@link NumbersOnlyOperand}
 *       (Velocity 1.7: a string is not a number).</li>
 *   <li>With {@link #SET_NULL_KEEPS_VALUE}, the right-hand side of every {@code #set} becomes a
 *       {@link KeepValueOnNullExpression} (Velocity 1.7's rule).</li>
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
    /** Runtime property (boolean, default true): null equals "" in == and !=. */
    public static final String NULL_EQUALS_EMPTY = "atomiccounters.null_equals_empty";
    /** Runtime property (boolean, default false): #set of a null value keeps the variable's value. */
    public static final String SET_NULL_KEEPS_VALUE = "atomiccounters.set_null_keeps_value";
    /** Runtime property (boolean, default false): - * / % convert numeric strings to numbers (Velocity 2). */
    public static final String MATH_COERCES_STRINGS = "atomiccounters.math_coerces_strings";

    private final boolean nullEqualsEmpty;
    private final boolean setNullKeepsValue;
    private final boolean mathCoercesStrings;

    public AwsVtlParser(RuntimeServices rs) {
        super(rs);
        this.nullEqualsEmpty = rs.getBoolean(NULL_EQUALS_EMPTY, true);
        this.setNullKeepsValue = rs.getBoolean(SET_NULL_KEEPS_VALUE, false);
        this.mathCoercesStrings = rs.getBoolean(MATH_COERCES_STRINGS, false);
    }

    @Override
    public SimpleNode parse(Reader reader, Template template) throws ParseException {
        SimpleNode root = super.parse(reader, template);
        patch(root);
        return root;
    }

    private void patch(Node node) {
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            Node child = node.jjtGetChild(i);
            if (child instanceof ASTDirective directive
                    && FORBIDDEN_DIRECTIVES.contains(directive.getDirectiveName())) {
                // with 1.x gobbling the directive's first token is the line's indentation: the '#' is further on
                Token token = directive.getFirstToken();
                while (token != null && token.image.indexOf('#') < 0 && token != directive.getLastToken()) {
                    token = token.next;
                }
                int line = token == null ? 0 : token.beginLine;
                int column = token == null ? 0 : token.beginColumn + Math.max(0, token.image.indexOf('#'));
                ParseException e = new ParseException("#" + directive.getDirectiveName()
                        + " is not supported in API Gateway mapping templates (line " + line + ", column " + column
                        + ")");
                throw new ForbiddenDirectiveException(e, line, column);
            }
            Node replacement = null;
            if (nullEqualsEmpty && child.getClass() == ASTNENode.class) {
                replacement = new NullAwareNENode((SimpleNode) child);
            } else if (nullEqualsEmpty && child.getClass() == ASTEQNode.class) {
                replacement = new NullAwareEQNode((SimpleNode) child);
            } else if (!mathCoercesStrings && isStrictMath(node) && !(child instanceof NumbersOnlyOperand)) {
                replacement = new NumbersOnlyOperand((SimpleNode) child);
            } else if (setNullKeepsValue && i == 1 && node instanceof ASTSetDirective
                    && child.getClass() == ASTExpression.class && node.jjtGetChild(0) instanceof ASTReference target) {
                replacement = new KeepValueOnNullExpression((SimpleNode) child, target);
            }
            if (replacement != null) {
                replacement.jjtSetParent(node);
                node.jjtAddChild(replacement, i);
                child = replacement;
            }
            patch(child);
        }
    }

    /** {@code - * / %}: Velocity 2 converts numeric strings for these, Velocity 1.7 does not ({@code +} concatenates). */
    private static boolean isStrictMath(Node node) {
        return node instanceof ASTSubtractNode || node instanceof ASTMulNode || node instanceof ASTDivNode
                || node instanceof ASTModNode;
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
