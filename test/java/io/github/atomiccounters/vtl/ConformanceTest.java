package io.github.atomiccounters.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
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
 * error, or {@code $context} overrides) API Gateway produces. Regenerate-free: edit the JSON directly.
 */
class ConformanceTest {

    private static final VtlEngine ENGINE = new VtlEngine();

    /** One case of the table. Absent fields mean: empty input, and no override expected. */
    record Case(String name, String note, String template, String body, Map<String, String> path,
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
        return cases().stream().map(c -> Arguments.of(c.name(), c));
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
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rendersExactlyLikeApiGateway(String name, Case c) {
        MappingTemplate template = ENGINE.compile(c.name(), c.template());
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
