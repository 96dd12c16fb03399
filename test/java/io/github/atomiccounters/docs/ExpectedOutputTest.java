package io.github.atomiccounters.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpectedOutputTest {

    private static ExpectedOutput parse(String... texts) throws ExpectedOutput.Problem {
        List<ExpectedOutput.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            lines.add(new ExpectedOutput.Line(20 + i, texts[i]));
        }
        return ExpectedOutput.parse(lines);
    }

    private static JsonNode json(String text) throws Exception {
        return JsonMatch.parse(text);
    }

    @Test
    void jsonComparesAsTreesKeyOrderFreeNumbersByValue() throws Exception {
        assertThat(JsonMatch.differences(json("{\"a\": 1, \"b\": [1.50, \"x\"], \"c\": null}"),
                json("{\"c\": null, \"b\": [1.5, \"x\"], \"a\": 1.0}"))).isEmpty();
        assertThat(JsonMatch.differences(json("{\"n\": 12.50}"), json("{\"n\": 1.25e1}"))).isEmpty();
        assertThat(JsonMatch.differences(json("{\"n\": 1}"), json("{\"n\": \"1\"}")))
                .containsExactly("$.n: expected 1, got \"1\"");
    }

    @Test
    void everyDifferenceIsReportedWithItsPath() throws Exception {
        assertThat(JsonMatch.differences(
                json("{\"value\": 2, \"window\": {\"limit\": 2, \"start\": 1}, \"gone\": true, \"list\": [1, 2]}"),
                json("{\"value\": 3, \"window\": {\"limit\": 2}, \"extra\": \"x\", \"list\": [1, 3, 4], "
                        + "\"odd key\": 1}")))
                .containsExactly(
                        "$.value: expected 2, got 3",
                        "$.window.start: missing (expected 1)",
                        "$.gone: missing (expected true)",
                        "$.list: expected 2 elements, got 3 ([1,3,4])",
                        "$.list[1]: expected 2, got 3",
                        "$.extra: unexpected key (its value: \"x\")",
                        "$[\"odd key\"]: unexpected key (its value: 1)");
    }

    @Test
    void theWildcardMatchesAnyValueButTheKeyMustBeThere() throws Exception {
        JsonNode expected = json("{\"start\": \"*\", \"ids\": [\"*\", 2]}");
        assertThat(JsonMatch.differences(expected, json("{\"start\": 1795430400, \"ids\": [{\"a\": 1}, 2]}"))).isEmpty();
        assertThat(JsonMatch.differences(expected, json("{\"ids\": [null, 2]}")))
                .containsExactly("$.start: missing (expected \"*\")");
        assertThat(JsonMatch.differences(json("[\"*\"]"), json("{}"))).containsExactly("$: expected an array [\"*\"], got {}");
    }

    @Test
    void statusHeadersAndJsonSpreadOverSeveralLines() throws Exception {
        ExpectedOutput e = parse("HTTP 409", "Retry-After: *", "Content-Type: application/json",
                "{\"error\": \"LimitExceeded\",", " \"value\": 2}");
        assertThat(e.line()).isEqualTo(20);
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.headers()).containsExactly(new ExpectedOutput.Header("Retry-After", "*"),
                new ExpectedOutput.Header("Content-Type", "application/json"));
        assertThat(e.json()).isEqualTo(json("{\"error\": \"LimitExceeded\", \"value\": 2}"));
        assertThat(parse("HTTP/1.1 204").json()).isNull();
    }

    @Test
    void anHttpAnswerIsCheckedForStatusHeadersAndBody() throws Exception {
        ExpectedOutput e = parse("HTTP 409", "Retry-After: *", "X-Exact: 1", "{\"v\": 2}");
        assertThat(e.differencesFromHttp(409, Map.of("retry-after", List.of("37"), "x-exact", List.of("1")),
                "{\"v\": 2}")).isEmpty();
        assertThat(e.differencesFromHttp(200, Map.of("x-exact", List.of("2")), "{\"v\": 3}")).containsExactly(
                "status: expected 409, got 200",
                "header Retry-After: missing (expected *)",
                "header X-Exact: expected 1, got 2",
                "$.v: expected 2, got 3");
        assertThat(parse("HTTP 204").differencesFromHttp(204, Map.of(), "")).isEmpty();
        assertThat(parse("HTTP 204").differencesFromHttp(200, Map.of(), "{}"))
                .containsExactly("status: expected 204, got 200", "body: expected none, got {}");
        assertThat(parse("{\"a\": 1}").differencesFromOutput("oops"))
                .containsExactly("expected JSON {\"a\":1}, got output that is not JSON: oops");
    }

    @Test
    void proseWhereAnExpectedOutputGoesIsRefusedAtItsLine() {
        assertThatThrownBy(() -> parse("value 2")).isInstanceOfSatisfying(ExpectedOutput.Problem.class, p -> {
            assertThat(p.line).isEqualTo(20);
            assertThat(p.getMessage()).startsWith("prose where an expected output goes: \"# value 2\"");
        });
        assertThatThrownBy(() -> parse("{\"a\": 1}", "(and then some)"))
                .isInstanceOfSatisfying(ExpectedOutput.Problem.class, p -> assertThat(p.getMessage())
                        .startsWith("the expected output is not one JSON document: # {\"a\": 1} / # (and then some)"));
        assertThatThrownBy(() -> parse("{..., \"value\": 11}")).hasMessageContaining("not one JSON document");
        assertThatThrownBy(() -> parse("HTTP/1.1 409 ... Retry-After: 37"))
                .hasMessageStartingWith("prose where an expected output goes");
        assertThatThrownBy(() -> parse("HTTP 409", "{\"a\": 1}", "{\"b\": 2}")).hasMessageContaining("not one JSON");
        assertThatThrownBy(() -> parse("{\"a\": 1, \"a\": 2}")).as("duplicate keys")
                .hasMessageContaining("not one JSON");
    }

    @Test
    void aTrailingCommentIsAnExpectedOutputOnlyWhenItReadsAsOne() {
        assertThat(ExpectedOutput.looksLikeOutput("{\"name\": \"likes\"}")).isTrue();
        assertThat(ExpectedOutput.looksLikeOutput("[1, 2]")).isTrue();
        assertThat(ExpectedOutput.looksLikeOutput("HTTP 204")).isTrue();
        assertThat(ExpectedOutput.looksLikeOutput("HTTP/1.1 409")).isTrue();
        assertThat(ExpectedOutput.looksLikeOutput("the API on http://127.0.0.1:8080/v1")).isFalse();
        assertThat(ExpectedOutput.looksLikeOutput("value 1")).isFalse();
    }
}
