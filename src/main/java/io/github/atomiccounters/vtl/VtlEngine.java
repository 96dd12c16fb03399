package io.github.atomiccounters.vtl;

import java.io.StringReader;
import java.util.Objects;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;

import io.github.atomiccounters.vtl.internal.AwsUberspector;
import io.github.atomiccounters.vtl.internal.AwsVtlParser;
import io.github.atomiccounters.vtl.internal.NoResourceLoader;
import io.github.atomiccounters.vtl.internal.NullAsEmptyInsertionHandler;

/**
 * A Velocity 2.4 runtime configured to behave like API Gateway's mapping template engine. One per process;
 * thread-safe; configured once in the constructor. {@link #compile} parses a template once into an immutable,
 * reusable {@link MappingTemplate}.
 *
 * <p>Configuration (see docs/notes "api-gateway-vtl.md"):
 * <ul>
 *   <li>{@code parser.allow_hyphen_in_identifiers=true}: {@code $context.requestOverride.header.X-Amz-Target}.</li>
 *   <li>{@code parser.space_gobbling=bc}: Velocity 1.x whitespace gobbling (a {@code #set} line leaves no newline).</li>
 *   <li>{@code directive.foreach.max_loops=1000}: each {@code #foreach} stops silently after 1,000 iterations.</li>
 *   <li>Every point AWS leaves open (truthiness, null in comparisons, {@code #set} of null, gobbling, and the
 *       {@code $input}/{@code $util}/{@code $context} points) is decided by a {@link VtlSemantics}; the default
 *       follows the strongest evidence, and the deployed templates give the same output under every alternative.</li>
 *   <li>No resource loaders at all, and {@code #include}/{@code #parse}/{@code #evaluate} rejected at compile time.</li>
 *   <li>Inline macros are local to the template that defines them ({@code velocimacro.inline.local_scope=true}), so
 *       templates cannot affect each other.</li>
 *   <li>A secure uberspector (no reflection, no {@code getClass}), null references rendered as {@code ""}, and
 *       null-aware {@code ==}/{@code !=} (null equals {@code ""}).</li>
 * </ul>
 */
public final class VtlEngine {

    private final RuntimeInstance runtime;
    private final VtlSemantics semantics;

    /** An engine with {@link VtlSemantics#DEFAULT}. */
    public VtlEngine() {
        this(VtlSemantics.DEFAULT);
    }

    /** An engine that decides the points AWS leaves open as {@code semantics} says. */
    public VtlEngine(VtlSemantics semantics) {
        this.semantics = Objects.requireNonNull(semantics, "semantics");
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING,
                semantics.gobbling() == VtlSemantics.Gobbling.BC ? "bc" : "lines");
        p.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, "1000");
        p.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS,
                Boolean.toString(semantics.truthiness() == VtlSemantics.Truthiness.VELOCITY_2));
        p.setProperty(AwsVtlParser.NULL_EQUALS_EMPTY,
                Boolean.toString(semantics.nullComparison() == VtlSemantics.NullComparison.NULL_EQUALS_EMPTY));
        p.setProperty(AwsVtlParser.MATH_COERCES_STRINGS,
                Boolean.toString(semantics.arithmetic() == VtlSemantics.Arithmetic.COERCES_STRINGS));
        p.setProperty(AwsVtlParser.SET_NULL_KEEPS_VALUE,
                Boolean.toString(semantics.setNull() == VtlSemantics.SetNull.KEEPS_VALUE));
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "false");
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "none");
        p.setProperty("resource.loader.none.class", NoResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.PARSER_CLASS, AwsVtlParser.class.getName());
        p.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, AwsUberspector.class.getName());
        p.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, NullAsEmptyInsertionHandler.class.getName());
        p.setProperty(RuntimeConstants.VM_PERM_INLINE_LOCAL, "true");
        p.setProperty("runtime.log.log_invalid_references", "false");
        runtime = new RuntimeInstance();
        runtime.init(p);
    }

    /**
     * Parses a template once.
     *
     * @param name   a name for messages (e.g. the template file path)
     * @param source the VTL text
     * @throws IllegalArgumentException on a syntax error (or a forbidden directive), naming the template and line
     */
    public MappingTemplate compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Template template = new Template();
        template.setName(name);
        template.setRuntimeServices(runtime);
        template.setEncoding("UTF-8");
        try {
            SimpleNode root = runtime.parse(new StringReader(source), template);
            template.setData(root);
            template.initDocument();
        } catch (ParseException e) {
            ParseErrorException pe = new ParseErrorException(e, name);
            throw syntaxError(name, pe.getLineNumber(), e.getMessage(), e);
        } catch (AwsVtlParser.ForbiddenDirectiveException e) {
            throw syntaxError(name, e.line(), e.getMessage(), e);
        } catch (TemplateInitException e) {
            throw syntaxError(name, e.getLineNumber(), e.getMessage(), e);
        } catch (ParseErrorException e) {
            throw syntaxError(name, e.getLineNumber(), e.getMessage(), e);
        }
        return new MappingTemplate(name, source, template, semantics);
    }

    /** The semantics this engine renders with. */
    public VtlSemantics semantics() {
        return semantics;
    }

    private static IllegalArgumentException syntaxError(String name, int line, String detail, Throwable cause) {
        String firstLine = detail == null ? "" : detail.strip().lines().findFirst().orElse("");
        return new IllegalArgumentException("Syntax error in mapping template '" + name + "' at line " + line + ": "
                + firstLine, cause);
    }
}
