package io.github.atomiccounters.vtl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each alternative of {@link VtlSemantics} really changes what each engine that can render it renders (a probe per
 * point, default vs alternative), so that AlternativeSemanticsIT finding no difference on the deployed templates means
 * the templates are robust, not that a switch is a no-op.
 */
class VtlSemanticsTest {

    /** A template and input whose rendering depends on one point, with the default's and the alternative's output. */
    record Probe(String alternative, String template, String body, Map<String, String> headers,
                 Map<String, Object> context, String byDefault, String byAlternative) {
        @Override
        public String toString() {
            return alternative + ": " + template;
        }
    }

    static List<Probe> probes() {
        return List.of(
                new Probe("$input.json of no match renders nothing", "[$input.json('$.x')]", "{}", Map.of(),
                        Map.of(), "[\"\"]", "[]"),
                new Probe("null equals \"\" (reported, an engine patch)", "#if($missing == \"\")eq#{else}ne#end", "{}",
                        Map.of(), Map.of(), "ne", "eq"),
                new Probe("null equals \"\" (reported, an engine patch)",
                        "#set($s = \"#if($undefined == '')eq#{else}ne#end\")$s", "{}", Map.of(), Map.of(), "ne", "eq"),
                new Probe("numbers are BigDecimal", "[$input.path('$.n').scale()]", "{\"n\": 7}", Map.of(), Map.of(),
                        "[]", "[0]"),
                new Probe("numbers are Double", "$input.path('$.n')", "{\"n\": 7}", Map.of(), Map.of(), "7", "7.0"),
                new Probe("escapeJavaScript leaves / and non-ASCII", "$util.escapeJavaScript('a/\u00e9')", "{}",
                        Map.of(), Map.of(), "a\\/\\u00E9", "a/\u00e9"),
                new Probe("header names are case-sensitive", "[$input.params('idempotency-key')]", "{}",
                        Map.of("Idempotency-Key", "k"), Map.of(), "[k]", "[]"),
                new Probe("an absent stage variable is \"\"", "[$stageVariables.nope.length()]", "{}", Map.of(),
                        Map.of(), "[]", "[0]"),
                new Probe("Velocity 2 truthiness (\"\", 0 and [] are false)", "#set($e = \"\")#if($e)t#{else}f#end",
                        "{}", Map.of(), Map.of(), "t", "f"),
                new Probe("requestTimeEpoch is a String", "#set($s = $context.requestTimeEpoch / 1000)[$s]", "{}",
                        Map.of(), Map.of("requestTimeEpoch", 1_795_000_000_123L), "[1795000000]", "[]"),
                new Probe("arithmetic converts numeric strings (Velocity 2)", "#set($q = '12' / 4)[$q]", "{}",
                        Map.of(), Map.of(), "[]", "[3]"),
                new Probe("#set of null assigns null (Velocity 2)",
                        "#set($x = 'a')#set($x = $input.path('$.none'))[$!x]", "{}", Map.of(), Map.of(), "[a]", "[]"),
                new Probe("Velocity 2 whitespace gobbling (lines)", "a\n  #if(true)\nb\n  #end\nc", "{}", Map.of(),
                        Map.of(), "a\n  b\n  c", "a\nb\nc"));
    }

    /** Each probe under each engine that renders its alternative. */
    static Stream<Arguments> probesPerEngine() {
        return probes().stream().flatMap(probe -> Arrays.stream(VtlEngineKind.values())
                .filter(kind -> kind.renders(alternative(probe.alternative())))
                .map(kind -> Arguments.of(kind, probe)));
    }

    @Test
    void thereIsAProbeForEveryAlternative() {
        assertThat(probes().stream().map(Probe::alternative).collect(Collectors.toSet()))
                .isEqualTo(VtlSemantics.alternatives().stream().map(VtlSemantics.Alternative::name)
                        .collect(Collectors.toSet()));
    }

    @Test
    void everyEngineRendersTheDefaultAndVelocity24RendersEveryAlternative() {
        for (VtlEngineKind kind : VtlEngineKind.values()) {
            assertThat(kind.unsupported(VtlSemantics.DEFAULT)).as(kind.cliName()).isEmpty();
        }
        assertThat(VtlSemantics.alternatives()).allSatisfy(a ->
                assertThat(VtlEngineKind.VELOCITY_2_4.unsupported(a.semantics())).as(a.name()).isEmpty());
    }

    @Test
    void velocity17RefusesWhatOnlyA2xEngineCanBeBentTo() {
        List<String> refused = VtlSemantics.alternatives().stream()
                .filter(a -> !VtlEngineKind.VELOCITY_1_7.renders(a.semantics()))
                .map(VtlSemantics.Alternative::name).toList();
        assertThat(refused).containsExactlyInAnyOrder("null equals \"\" (reported, an engine patch)",
                "Velocity 2 truthiness (\"\", 0 and [] are false)", "Velocity 2 whitespace gobbling (lines)",
                "arithmetic converts numeric strings (Velocity 2)");
        assertThatThrownBy(() -> new VtlEngine(VtlEngineKind.VELOCITY_1_7,
                alternative("Velocity 2 whitespace gobbling (lines)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace gobbling");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("probesPerEngine")
    void theAlternativeChangesWhatIsRendered(VtlEngineKind kind, Probe probe) {
        assertThat(render(kind, VtlSemantics.DEFAULT, probe)).isEqualTo(probe.byDefault());
        assertThat(render(kind, alternative(probe.alternative()), probe)).isEqualTo(probe.byAlternative());
    }

    private static VtlSemantics alternative(String name) {
        return VtlSemantics.alternatives().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow()
                .semantics();
    }

    private static String render(VtlEngineKind kind, VtlSemantics semantics, Probe probe) {
        MappingContext context = MappingContext.create();
        probe.context().forEach(context::put);
        MappingTemplate template = new VtlEngine(kind, semantics).compile(probe.alternative(), probe.template());
        return template.render(new MappingInput(probe.body(), Map.of(), Map.of(), probe.headers(), Map.of(),
                context));
    }
}
