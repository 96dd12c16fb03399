package io.github.atomiccounters.vtl.velocity24;

import java.io.StringReader;
import java.io.Writer;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;

import io.github.atomiccounters.vtl.TemplateSyntaxException;
import io.github.atomiccounters.vtl.VelocityRuntime;
import io.github.atomiccounters.vtl.VtlSemantics;

/**
 * The alternative engine: Velocity 2.4 (a dependency of this project), configured and patched to behave like the
 * Velocity 1.x API Gateway runs, with every point of {@link VtlSemantics} switchable. One per semantics; thread-safe.
 *
 * <ul>
 *   <li>{@code parser.allow_hyphen_in_identifiers=true}: {@code $context.requestOverride.header.X-Amz-Target}, as 1.x
 *       parses it.</li>
 *   <li>{@code parser.space_gobbling}: {@code bc} (1.x) or {@code lines} ({@link VtlSemantics.Gobbling}).</li>
 *   <li>{@code directive.if.empty_check}: off (1.x: only null and false are false) or on
 *       ({@link VtlSemantics.Truthiness}).</li>
 *   <li>{@link AwsVtlParser} patches the parsed tree for {@link VtlSemantics.NullComparison},
 *       {@link VtlSemantics.Arithmetic} and {@link VtlSemantics.SetNull}, and refuses {@code #include},
 *       {@code #parse} and {@code #evaluate}.</li>
 *   <li>{@code directive.foreach.max_loops=1000}: each {@code #foreach} stops silently after 1,000 iterations.</li>
 *   <li>No resource loader that finds anything ({@link NoResourceLoader}); inline macros local to their template.</li>
 *   <li>{@link AwsUberspector}: Velocity's secure introspection, and no {@code getClass()} at all.</li>
 *   <li>{@link NullAsEmptyInsertionHandler}: a null reference renders as nothing.</li>
 * </ul>
 */
public final class Velocity24Runtime implements VelocityRuntime {

    private final RuntimeInstance runtime;

    /** A runtime deciding each open point as {@code semantics} says. */
    public Velocity24Runtime(VtlSemantics semantics) {
        Objects.requireNonNull(semantics, "semantics");
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

    @Override
    public CompiledTemplate compile(String name, String source) {
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
            throw new TemplateSyntaxException(name, pe.getLineNumber(), pe.getColumnNumber(), e.getMessage(), e);
        } catch (AwsVtlParser.ForbiddenDirectiveException e) {
            throw new TemplateSyntaxException(name, e.line(), e.column(), e.getMessage(), e);
        } catch (TemplateInitException e) {
            throw new TemplateSyntaxException(name, e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
        } catch (ParseErrorException e) {
            throw new TemplateSyntaxException(name, e.getLineNumber(), e.getColumnNumber(), e.getMessage(), e);
        }
        return (variables, out) -> template.merge(new VelocityContext(variables), out);
    }
}
