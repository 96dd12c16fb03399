package io.github.atomiccounters.vtl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which Velocity renders the templates. API Gateway runs the 1.x line (docs/aws-fidelity.md, A24), so
 * {@link #VELOCITY_1_7}, Velocity 1.7 itself, is the default; {@link #VELOCITY_2_4} is the alternative engine, a newer
 * Velocity configured to resemble 1.x, with every point of {@link VtlSemantics} switchable.
 */
public enum VtlEngineKind {
    /** Apache Velocity 1.7 (bundled, in its own class loader), with what AWS documents on top. */
    VELOCITY_1_7("velocity-1.7"),
    /** Apache Velocity 2.4, configured and patched to resemble 1.x; every semantics switch available. */
    VELOCITY_2_4("velocity-2.4");

    /** The engine API Gateway runs. */
    public static final VtlEngineKind DEFAULT = VELOCITY_1_7;

    private final String cliName;

    VtlEngineKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code serve --engine} and {@code render --engine} take, e.g. {@code velocity-1.7}. */
    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }

    /**
     * The engine of that {@link #cliName()}.
     *
     * @throws IllegalArgumentException naming the valid names
     */
    public static VtlEngineKind fromCliName(String name) {
        for (VtlEngineKind kind : values()) {
            if (kind.cliName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (valid: "
                + Arrays.stream(values()).map(VtlEngineKind::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * What this engine cannot render as {@code semantics} asks, one sentence per point; empty when it can.
     *
     * <p>Velocity 2.4 renders every combination. Velocity 1.7 is the engine API Gateway runs, so the points that are
     * switches only because 2.4 had to be bent to look like 1.x are decided by 1.7 itself: truthiness, whitespace
     * gobbling and arithmetic on numeric strings take 1.7's only value; null in {@code ==} is stock Velocity (the
     * reported reading where null equals {@code ""} would be a patch of the engine, which 2.4 applies). {@code #set} of
     * null stays open under 1.7 ({@code directive.set.null.allowed} is a setting of 1.7 itself), as do the points of
     * {@code $input}, {@code $util}, {@code $context} and {@code $stageVariables}, which are API Gateway's objects,
     * not the engine's.
     */
    public List<String> unsupported(VtlSemantics semantics) {
        List<String> problems = new ArrayList<>();
        if (this == VELOCITY_1_7) {
            if (semantics.nullComparison() != VtlSemantics.NullComparison.STOCK_VELOCITY) {
                problems.add("Velocity 1.7 compares null as stock Velocity does (null equals only null); "
                        + "null equal to \"\" is a patch only the velocity-2.4 engine applies");
            }
            if (semantics.truthiness() != VtlSemantics.Truthiness.VELOCITY_1) {
                problems.add("Velocity 1.7 has only its own truthiness");
            }
            if (semantics.gobbling() != VtlSemantics.Gobbling.BC) {
                problems.add("Velocity 1.7 has only its own whitespace gobbling");
            }
            if (semantics.arithmetic() != VtlSemantics.Arithmetic.NUMBERS_ONLY) {
                problems.add("Velocity 1.7 does arithmetic on numbers only");
            }
        }
        return problems;
    }

    /** Whether this engine renders {@code semantics} as asked ({@link #unsupported} is empty). */
    public boolean renders(VtlSemantics semantics) {
        return unsupported(semantics).isEmpty();
    }
}
