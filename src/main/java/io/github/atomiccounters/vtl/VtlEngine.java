package io.github.atomiccounters.vtl;

import java.util.Objects;

import io.github.atomiccounters.vtl.velocity17.Velocity17Runtime;
import io.github.atomiccounters.vtl.velocity24.Velocity24Runtime;

/**
 * API Gateway's mapping template engine: a {@link VtlEngineKind} (Velocity 1.7 by default, the line AWS runs) deciding
 * the points AWS leaves open as a {@link VtlSemantics} says. {@link #compile} parses and initialises a template once
 * into an immutable, reusable {@link MappingTemplate}. Thread-safe; create one per process (or per semantics), since
 * each holds its own Velocity runtime.
 */
public final class VtlEngine {

    private final VtlEngineKind kind;
    private final VtlSemantics semantics;
    private final VelocityRuntime runtime;

    /** The default engine ({@link VtlEngineKind#DEFAULT}) with {@link VtlSemantics#DEFAULT}. */
    public VtlEngine() {
        this(VtlEngineKind.DEFAULT, VtlSemantics.DEFAULT);
    }

    /** The default engine deciding the points AWS leaves open as {@code semantics} says. */
    public VtlEngine(VtlSemantics semantics) {
        this(VtlEngineKind.DEFAULT, semantics);
    }

    /** That engine with {@link VtlSemantics#DEFAULT}. */
    public VtlEngine(VtlEngineKind kind) {
        this(kind, VtlSemantics.DEFAULT);
    }

    /**
     * That engine deciding the points AWS leaves open as {@code semantics} says.
     *
     * @throws IllegalArgumentException when the engine cannot render {@code semantics} ({@link VtlEngineKind#unsupported})
     */
    public VtlEngine(VtlEngineKind kind, VtlSemantics semantics) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.semantics = Objects.requireNonNull(semantics, "semantics");
        this.runtime = switch (kind) {
            case VELOCITY_1_7 -> new Velocity17Runtime(semantics);
            case VELOCITY_2_4 -> new Velocity24Runtime(semantics);
        };
    }

    /**
     * Parses and initialises a template once.
     *
     * @param name   a name for messages (e.g. the template file path)
     * @param source the VTL text
     * @throws TemplateSyntaxException (an {@link IllegalArgumentException}) on a syntax error, an interpolated string
     *                                 literal that does not parse, or a forbidden directive, naming the template, line
     *                                 and column
     */
    public MappingTemplate compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        return new MappingTemplate(name, source, runtime.compile(name, source), semantics);
    }

    /** The Velocity this engine renders with. */
    public VtlEngineKind kind() {
        return kind;
    }

    /** The semantics this engine renders with. */
    public VtlSemantics semantics() {
        return semantics;
    }

    @Override
    public String toString() {
        return "VtlEngine[" + kind + "]";
    }
}
