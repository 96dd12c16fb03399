package io.github.atomiccounters.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The conformance table: {@code vtl-conformance/cases.json}, each case a template, an input and the exact text (or
 * error, or {@code $context} overrides) API Gateway produces, rendered by each engine ({@link VtlEngineKind}) with the
 * default semantics. A case that holds for one engine only names it in {@code engines} (with a note saying why).
 * Regenerate-free: edit the JSON directly.
 */
class ConformanceTest {

    private static final Map<VtlEngineKind, VtlEngine> ENGINES = new EnumMap<>(VtlEngineKind.class);

    /** One case of the table. Absent fields mean: every engine, empty input, and no override expected. */
    record Case(String name, List<String> engines, String note, String template, String body, Map<String, String> path,
                Map<String, String> querystring, Map<String, String> headers, Map<String, String> stageVariables,
                Map<String, Object> context, String expected, Map<String, Object> error, Integer responseOverrideStatus,
                Map<String, String> responseOverrideHeaders, Map<String, String> requestOverrideHeaders) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/vtl-conformance/cases.json")) {
            assertThat(in).as("cases.json on the test classpath").isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() { });
        }
    }

    static Stream<Arguments> table() throws IOException {
        return cases().stream().flatMap(c -> Arrays.stream(VtlEngineKind.values())
                .filter(kind -> c.engines() == null || c.engines().contains(kind.cliName()))
                .map(kind -> Arguments.of(c.name(), kind, c)));
    }

    private static synchronized VtlEngine engine(VtlEngineKind kind) {
        return ENGINES.computeIfAbsent(kind, VtlEngine::new);
    }

    @Test
    void tableIsWellFormed() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.name()).isNotBlank();
            assertThat(c.template()).as(c.name()).isNotNull();
            assertThat(c.expected() != null || c.error() != null).as(c.name() + " expects something").isTrue();
        });
        assertThat(cases.stream().map(Case::name).distinct().count()).isEqualTo(cases.size());
        List<String> engineNames = Arrays.stream(VtlEngineKind.values()).map(VtlEngineKind::cliName).toList();
        assertThat(cases).allSatisfy(c -> {
            if (c.engines() != null) {
                assertThat(engineNames).as(c.name()).containsAll(c.engines());
                assertThat(c.note()).as(c.name() + ": a case for some engines only says why").isNotBlank();
            }
        });
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("table")
    void rendersExactlyLikeApiGateway(String name, VtlEngineKind kind, Case c) {
        MappingTemplate template = engine(kind).compile(c.name(), c.template());
        MappingContext context = MappingContext.create();
        if (c.context() != null) {
            c.context().forEach(context::put);
        }
        MappingInput input = new MappingInput(c.body(), ordered(c.path()), ordered(c.querystring()),
                ordered(c.headers()), ordered(c.stageVariables()), context);

        if (c.error() != null) {
            assertThatThrownBy(() -> template.render(input))
                    .isInstanceOf(MappingException.class)
                    .satisfies(e -> {
                        MappingException me = (MappingException) e;
                        assertThat(me.status()).isEqualTo(((Number) c.error().get("status")).intValue());
                        assertThat(me.getMessage()).contains((String) c.error().get("messageContains"));
                    });
            return;
        }
        assertThat(template.render(input)).isEqualTo(c.expected());
        if (c.responseOverrideStatus() != null) {
            assertThat(context.responseOverrideStatus()).contains(c.responseOverrideStatus());
        } else {
            assertThat(context.responseOverrideStatus()).isEmpty();
        }
        if (c.responseOverrideHeaders() != null) {
            assertThat(context.responseOverrideHeaders()).containsExactlyEntriesOf(c.responseOverrideHeaders());
        }
        if (c.requestOverrideHeaders() != null) {
            assertThat(context.requestOverrideHeaders()).containsExactlyEntriesOf(c.requestOverrideHeaders());
        }
        // Rendering again with a fresh input gives the same text: nothing leaks between renders.
        MappingContext second = MappingContext.create();
        if (c.context() != null) {
            c.context().forEach(second::put);
        }
        assertThat(template.render(new MappingInput(c.body(), ordered(c.path()), ordered(c.querystring()),
                ordered(c.headers()), ordered(c.stageVariables()), second))).isEqualTo(c.expected());
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }
}
