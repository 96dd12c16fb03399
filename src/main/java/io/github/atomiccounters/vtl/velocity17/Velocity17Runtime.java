package io.github.atomiccounters.vtl.velocity17;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.atomiccounters.vtl.TemplateSyntaxException;
import io.github.atomiccounters.vtl.VelocityRuntime;
import io.github.atomiccounters.vtl.VtlEngineKind;
import io.github.atomiccounters.vtl.VtlSemantics;

/**
 * The default engine: Apache Velocity 1.7 itself, the line API Gateway runs (docs/aws-fidelity.md), with only what
 * AWS documents or was recorded doing on top of the stock engine:
 *
 * <ul>
 *   <li>a null or undefined reference renders as nothing (a ReferenceInsertionEventHandler on every render);</li>
 *   <li>{@code directive.foreach.maxloops=1000}: each {@code #foreach} stops silently after 1,000 iterations (the
 *       API Gateway quota);</li>
 *   <li>no {@code #include}, {@code #parse} or {@code #evaluate}: refused at compile time, also inside interpolated
 *       string literals; the only resource loader is an empty string repository, so nothing is ever read;</li>
 *   <li>no class access: 1.7's {@code SecureUberspector} (methods of {@code Class}, {@code ClassLoader},
 *       {@code System}, {@code Runtime}, threads and {@code java.lang.reflect} are refused). Velocity 1.7 has a
 *       published sandbox escape for untrusted templates (CVE-2020-13936): this runtime renders only the project's
 *       own templates, and with {@code render}, the user's own;</li>
 *   <li>inline macros are local to the template that defines them (templates do not share anything on AWS).</li>
 * </ul>
 *
 * Everything else (truthiness, whitespace gobbling, null in {@code ==}, arithmetic, overflow, hyphens in
 * identifiers, {@code $foreach}) is what stock 1.7 does. Of {@link VtlSemantics}' language points only
 * {@link VtlSemantics.SetNull} is open here, through 1.7's own {@code directive.set.null.allowed}; see
 * {@link VtlEngineKind#unsupported}. {@link #compile} parses and initialises: 1.7 parses an interpolated string literal
 * on its own, after the template, when the template is initialised, so a parse-only check would miss it.
 *
 * <p>Thread-safe: compiled templates render concurrently. Velocity 1.7 is loaded from the jars bundled in this project's
 * jar, in their own class loader ({@link Velocity17}), so this class needs no dependency at all.
 */
public final class Velocity17Runtime implements VelocityRuntime {

    /** The directives API Gateway does not offer. */
    private static final Set<String> FORBIDDEN_DIRECTIVES = Set.of("include", "parse", "evaluate");

    private final Velocity17 velocity = Velocity17.get();
    private final Object runtime;

    /**
     * A runtime for {@code semantics}' {@link VtlSemantics.SetNull}.
     *
     * @throws IllegalArgumentException when {@code semantics} asks for what Velocity 1.7 does not do
     */
    public Velocity17Runtime(VtlSemantics semantics) {
        Objects.requireNonNull(semantics, "semantics");
        List<String> unsupported = VtlEngineKind.VELOCITY_1_7.unsupported(semantics);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unsupported));
        }
        runtime = velocity.withLoader(() -> {
            Object r = velocity.newRuntime();
            velocity.setProperty(r, "runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
            velocity.setProperty(r, "runtime.log.invalid.references", "false");
            velocity.setProperty(r, "runtime.introspector.uberspect",
                    "org.apache.velocity.util.introspection.SecureUberspector");
            velocity.setProperty(r, "directive.foreach.maxloops", "1000");
            velocity.setProperty(r, "directive.set.null.allowed",
                    Boolean.toString(semantics.setNull() == VtlSemantics.SetNull.ASSIGNS_NULL));
            velocity.setProperty(r, "resource.loader", "string");
            velocity.setProperty(r, "string.resource.loader.class",
                    "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
            velocity.setProperty(r, "velocimacro.permissions.allow.inline.local.scope", "true");
            velocity.init(r);
            return r;
        });
    }

    @Override
    public CompiledTemplate compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Object template = velocity.withLoader(() -> {
            Object root;
            try {
                root = velocity.parse(runtime, source, name);
            } catch (Velocity17.Velocity17Exception e) {
                throw syntaxError(name, e.getCause(), e.getCause().getMessage());
            }
            Object initialised;
            try {
                initialised = velocity.initialisedTemplate(runtime, name, root);
            } catch (RuntimeException e) {
                if (!velocity.templateInitException.isInstance(e)) {
                    throw e;
                }
                // e.g. "Failed to parse String literal at t[line 97, column 45]", caused by the literal's own error
                Throwable cause = e.getCause();
                throw syntaxError(name, e, e.getMessage() + (cause == null || cause == e ? ""
                        : ": " + cause.getMessage().strip().lines().findFirst().orElse("")));
            }
            refuseForbiddenDirectives(name, root);
            return initialised;
        });
        // one context per thread for this template (see Velocity17.RenderContext); a render that failed leaves its
        // context to the garbage collector, so no state of a failed render reaches the next one
        ThreadLocal<Velocity17.RenderContext> contexts = ThreadLocal.withInitial(velocity::newRenderContext);
        return (variables, out) -> velocity.withLoader(() -> {
            Velocity17.RenderContext context = contexts.get();
            try {
                velocity.merge(template, context, variables, out);
            } catch (RuntimeException | Error e) {
                contexts.remove();
                throw e;
            }
            return null;
        });
    }

    private TemplateSyntaxException syntaxError(String name, Throwable velocityError, String detail) {
        int[] position = velocity.position(velocityError, name);
        return new TemplateSyntaxException(name, position[0], position[1], detail, velocityError);
    }

    /** Walks the tree, string literals' trees included (1.7 built them at init), for #include, #parse, #evaluate. */
    private void refuseForbiddenDirectives(String name, Object node) {
        if (velocity.astDirective.isInstance(node)) {
            String directive = velocity.directiveName(node);
            if (FORBIDDEN_DIRECTIVES.contains(directive)) {
                throw new TemplateSyntaxException(name, velocity.line(node), velocity.column(node),
                        "#" + directive + " is not supported in API Gateway mapping templates", null);
            }
        }
        if (velocity.astStringLiteral.isInstance(node)) {
            Object tree = velocity.stringLiteralTree(node);
            if (tree != null) {
                refuseForbiddenDirectives(name, tree);
            }
        }
        for (int i = 0, n = velocity.childCount(node); i < n; i++) {
            refuseForbiddenDirectives(name, velocity.child(node, i));
        }
    }
}
