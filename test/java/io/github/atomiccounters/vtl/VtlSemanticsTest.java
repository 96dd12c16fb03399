package io.github.atomiccounters.vtl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each alternative of {@link VtlSemantics} really changes what the engine renders (a probe per point, default vs
 * alternative), so that AlternativeSemanticsIT finding no difference on the deployed templates means the templates
 * are robust, not that a switch is a no-op.
 */
class VtlSemanticsTest {

    /** A template and input whose rendering depends on one point, with the default's and the alternative's output. */
    record Probe(String alternative, String template, String body, Map<String, String> headers,
                 Map<String, Object> context, String byDefault, String byAlternative) {
    }

    static List<Probe> probes() {
        return List.of(
                new Probe("$input.json of no match renders nothing", "[$input.json('$.x')]", "{}", Map.of(),
                        Map.of(), "[\"\"]", "[]"),
                new Probe("null does not equal \"\" (stock Velocity)", "#if($missing == \"\")eq#{else}ne#end", "{}",
                        Map.of(), Map.of(), "eq", "ne"),
                new Probe("numbers are BigDecimal", "[$input.path('$.n').scale()]", "{\"n\": 7}", Map.of(), Map.of(),
                        "[]", "[0]"),
                new Probe("numbers are Double", "$input.path('$.n')", "{\"n\": 7}", Map.of(), Map.of(), "7", "7.0"),
                new Probe("escapeJavaScript leaves / and non-ASCII", "$util.escapeJavaScript('a/\u00e9')", "{}",
                        Map.of(), Map.of(), "a\\/\\u00E9", "a/\u00e9"),
                new Probe("header names are case-sensitive", "[$input.params('idempotency-key')]", "{}",
                        Map.of("Idempotency-Key", "k"), Map.of(), "[k]", "[]"),
                new Probe("an absent stage variable is \"\"", "[$stageVariables.nope.length()]", "{}", Map.of(),
                        Map.of(), "[]", "[0]"),
                new Probe("Velocity 2 truthiness (\"\", 0 and [] are false)", "#if(\"\")t#{else}f#end", "{}",
                        Map.of(), Map.of(), "t", "f"),
                new Probe("requestTimeEpoch is a String", "#set($s = $context.requestTimeEpoch / 1000)[$s]", "{}",
                        Map.of(), Map.of("requestTimeEpoch", 1_795_000_000_123L), "[1795000000]", "[]"),
                new Probe("arithmetic converts numeric strings (Velocity 2)", "#set($q = '12' / 4)[$q]", "{}",
                        Map.of(), Map.of(), "[]", "[3]"),
                new Probe("#set of null keeps the old value (Velocity 1.7)",
                        "#set($x = 'a')#set($x = $input.path('$.none'))[$!x]", "{}", Map.of(), Map.of(), "[]", "[a]"),
                new Probe("Velocity 2 whitespace gobbling (lines)", "a\n  #if(true)\nb\n  #end\nc", "{}", Map.of(),
                        Map.of(), "a\n  b\n  c", "a\nb\nc"));
    }

    @Test
    void thereIsAProbeForEveryAlternative() {
        assertThat(probes().stream().map(Probe::alternative).collect(Collectors.toSet()))
                .isEqualTo(VtlSemantics.alternatives().stream().map(VtlSemantics.Alternative::name)
                        .collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void theAlternativeChangesWhatIsRendered(Probe probe) {
        VtlSemantics alternative = VtlSemantics.alternatives().stream()
                .filter(a -> a.name().equals(probe.alternative())).findFirst().orElseThrow().semantics();
        assertThat(render(VtlSemantics.DEFAULT, probe)).isEqualTo(probe.byDefault());
        assertThat(render(alternative, probe)).isEqualTo(probe.byAlternative());
    }

    private static String render(VtlSemantics semantics, Probe probe) {
        MappingContext context = MappingContext.create();
        probe.context().forEach(context::put);
        MappingTemplate template = new VtlEngine(semantics).compile(probe.alternative(), probe.template());
        return template.render(new MappingInput(probe.body(), Map.of(), Map.of(), probe.headers(), Map.of(),
                context));
    }
}
