package io.github.atomiccounters.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.local.JsonSchemaValidation.CompiledSchema;
import io.github.atomiccounters.local.JsonSchemaValidation.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaValidationTest {

    /** Shaped like the counter API's increment model. */
    private static final CompiledSchema INCREMENT = JsonSchemaValidation.compile(Map.of(
            "$schema", "http://json-schema.org/draft-04/schema#",
            "type", "object",
            "additionalProperties", false,
            "required", List.of("by"),
            "properties", Map.of(
                    "by", Map.of("type", "integer", "minimum", 1, "maximum", 1000),
                    "name", Map.of("type", "string", "pattern", "^(?=.*[a-z])[a-z0-9-]{3,16}$"),
                    "ratio", Map.of("type", "number", "minimum", 0, "exclusiveMinimum", true,
                            "maximum", 1, "exclusiveMaximum", true),
                    "id", Map.of("oneOf", List.of(Map.of("type", "integer"), Map.of("type", "string"))))));

    private static String errors(CompiledSchema schema, String body) {
        return schema.validate(body).orElse("VALID");
    }

    @Test
    void validBodiesPass() {
        assertThat(INCREMENT.validate("{\"by\":1}")).isEmpty();
        assertThat(INCREMENT.validate("{\"by\":1000,\"name\":\"a-1\",\"ratio\":0.5,\"id\":\"x\"}")).isEmpty();
        assertThat(INCREMENT.validate("{\"by\":5,\"id\":7}")).isEmpty();
    }

    @Test
    void typeMismatchUsesFgeWording() {
        assertThat(errors(INCREMENT, "{\"by\":\"5\"}"))
                .isEqualTo("[instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])]");
        assertThat(errors(INCREMENT, "[1]"))
                .isEqualTo("[instance type (array) does not match any allowed primitive type (allowed: [\"object\"])]");
    }

    @Test
    void requiredPropertiesAreListedTogether() {
        CompiledSchema two = JsonSchemaValidation.compile(
                "{\"type\":\"object\",\"required\":[\"name\",\"by\"]}");
        assertThat(errors(two, "{}")).isEqualTo("[object has missing required properties ([\"by\",\"name\"])]");
        assertThat(errors(two, "{\"by\":1}")).isEqualTo("[object has missing required properties ([\"name\"])]");
    }

    @Test
    void emptyBodyValidatesAsAnEmptyObject() {
        assertThat(errors(INCREMENT, "")).isEqualTo("[object has missing required properties ([\"by\"])]");
        assertThat(errors(INCREMENT, null)).isEqualTo("[object has missing required properties ([\"by\"])]");
        assertThat(errors(INCREMENT, "  \n")).isEqualTo("[object has missing required properties ([\"by\"])]");
        assertThat(JsonSchemaValidation.compile(Map.of("type", "object")).validate("")).isEmpty();
    }

    @Test
    void minimumAndMaximum() {
        assertThat(errors(INCREMENT, "{\"by\":0}"))
                .isEqualTo("[numeric instance is lower than the required minimum (minimum: 1, found: 0)]");
        assertThat(errors(INCREMENT, "{\"by\":1001}"))
                .isEqualTo("[numeric instance is greater than the required maximum (maximum: 1000, found: 1001)]");
    }

    @Test
    void exclusiveMinimumAndMaximumAreDraft4Booleans() {
        assertThat(errors(INCREMENT, "{\"by\":1,\"ratio\":0}"))
                .isEqualTo("[numeric instance is not strictly greater than the required minimum 0]");
        assertThat(errors(INCREMENT, "{\"by\":1,\"ratio\":1}"))
                .isEqualTo("[numeric instance is not strictly lower than the required maximum 1]");
        assertThat(INCREMENT.validate("{\"by\":1,\"ratio\":0.0001}")).isEmpty();
    }

    @Test
    void patternWithLookaheadIsEcma262Find() {
        assertThat(INCREMENT.validate("{\"by\":1,\"name\":\"abc-1\"}")).isEmpty();
        // matches the character class but not the lookahead (needs a lower-case letter)
        assertThat(errors(INCREMENT, "{\"by\":1,\"name\":\"123\"}")).isEqualTo(
                "[ECMA 262 regex \"^(?=.*[a-z])[a-z0-9-]{3,16}$\" does not match input string \"123\"]");
        // unanchored patterns search, as ECMA 262 does
        CompiledSchema contains = JsonSchemaValidation.compile(Map.of("type", "string", "pattern", "b+"));
        assertThat(contains.validate("\"abba\"")).isEmpty();
        assertThat(contains.validate("\"aca\"")).isPresent();
    }

    @Test
    void additionalPropertiesFalseListsTheExtraOnes() {
        assertThat(errors(INCREMENT, "{\"by\":1,\"zeta\":1,\"alpha\":2}")).isEqualTo(
                "[object instance has properties which are not allowed by the schema: [\"alpha\",\"zeta\"]]");
    }

    @Test
    void oneOfIsOneMessageWithoutTheBranchDetails() {
        assertThat(errors(INCREMENT, "{\"by\":1,\"id\":1.5}"))
                .isEqualTo("[instance failed to match exactly one schema (matched 0 out of 2)]");
        assertThat(errors(INCREMENT, "{\"by\":1,\"id\":true}"))
                .isEqualTo("[instance failed to match exactly one schema (matched 0 out of 2)]");
        CompiledSchema both = JsonSchemaValidation.compile(
                "{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}");
        assertThat(errors(both, "3")).isEqualTo("[instance failed to match exactly one schema (matched 2 out of 2)]");
        assertThat(both.validate("3.5")).isEmpty();
    }

    @Test
    void anyOfAndNotAreFoldedToo() {
        CompiledSchema any = JsonSchemaValidation.compile(
                "{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"},{\"type\":\"null\"}]}");
        assertThat(errors(any, "\"x\"")).isEqualTo("[instance failed to match at least one required schema among 3]");
        CompiledSchema not = JsonSchemaValidation.compile("{\"not\":{\"type\":\"string\"}}");
        assertThat(errors(not, "\"x\"")).isEqualTo("[instance matched a schema which it should not have]");
        assertThat(not.validate("1")).isEmpty();
    }

    @Test
    void aPropertyNamedLikeACombinatorIsNotFolded() {
        CompiledSchema s = JsonSchemaValidation.compile(
                "{\"properties\":{\"oneOf\":{\"type\":\"integer\"}}}");
        assertThat(errors(s, "{\"oneOf\":\"x\"}"))
                .isEqualTo("[instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])]");
    }

    @Test
    void numbersAreParsedExactly() {
        assertThat(errors(INCREMENT, "{\"by\":1.0000000000000001}")).isEqualTo(
                "[instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])]");
        assertThat(errors(INCREMENT, "{\"by\":1.0}")).isEqualTo(
                "[instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])]");
        // a big integer is an integer, compared exactly against the bounds
        assertThat(errors(INCREMENT, "{\"by\":123456789012345678901234567890}")).isEqualTo(
                "[numeric instance is greater than the required maximum (maximum: 1000, "
                        + "found: 123456789012345678901234567890)]");
        CompiledSchema big = JsonSchemaValidation.compile(Map.of("type", "integer",
                "maximum", new java.math.BigInteger("99999999999999999999999999999999999999")));
        assertThat(big.validate("99999999999999999999999999999999999999")).isEmpty();
        assertThat(big.validate("100000000000000000000000000000000000000")).isPresent();
        // one more than a double can tell apart from 2^53
        CompiledSchema max = JsonSchemaValidation.compile(Map.of("type", "integer", "maximum", 9007199254740992L));
        assertThat(max.validate("9007199254740993")).isPresent();
    }

    @Test
    void malformedJsonIsAnInvalidBodyWithTheParseError() {
        assertThat(errors(INCREMENT, "{\"by\":")).startsWith("[Invalid request body: ").contains("line 1");
        assertThat(errors(INCREMENT, "{by:1}")).startsWith("[Invalid request body: ");
        assertThat(errors(INCREMENT, "{\"by\":1} trailing")).startsWith("[Invalid request body: ");
    }

    @Test
    void severalErrorsAreAllReportedAndViolationsCarryPointers() {
        String body = "{\"by\":0,\"name\":\"UPPER\",\"extra\":true}";
        String errors = errors(INCREMENT, body);
        assertThat(errors).startsWith("[").endsWith("]")
                .contains("numeric instance is lower than the required minimum (minimum: 1, found: 0)")
                .contains("ECMA 262 regex")
                .contains("object instance has properties which are not allowed by the schema: [\"extra\"]");
        List<Violation> violations = INCREMENT.violations(body);
        assertThat(violations).extracting(Violation::pointer).containsExactlyInAnyOrder("/by", "/name", "");
        assertThat(violations).filteredOn(v -> v.pointer().equals("/by")).singleElement()
                .satisfies(v -> assertThat(v.toString()).startsWith("/by: numeric instance"));
    }

    @Test
    void nestedPropertiesReportTheirPointer() {
        CompiledSchema nested = JsonSchemaValidation.compile(
                "{\"properties\":{\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                        + "\"required\":[\"k\"],\"properties\":{\"k\":{\"type\":\"string\",\"minLength\":2}}}}}}");
        List<Violation> v = nested.violations("{\"items\":[{\"k\":\"ok\"},{},{\"k\":\"x\"}]}");
        assertThat(v).extracting(Violation::toString).containsExactlyInAnyOrder(
                "/items/1: object has missing required properties ([\"k\"])",
                "/items/2/k: string \"x\" is too short (length: 1, required minimum: 2)");
    }

    @Test
    void compileAcceptsJsonNodeMapOrStringAndRejectsNonObjects() throws Exception {
        var node = new ObjectMapper().readTree("{\"type\":\"integer\"}");
        assertThat(JsonSchemaValidation.compile(node).validate("\"x\"")).isPresent();
        assertThat(node.has("type")).as("the caller's node is not modified").isTrue();
        assertThatThrownBy(() -> JsonSchemaValidation.compile("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonSchemaValidation.compile("{not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCompiledSchemaIsSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                results.add(pool.submit(() -> INCREMENT.validate("{\"by\":" + (n % 2 == 0 ? n + 1 : -n) + "}")
                        .isEmpty() == (n % 2 == 0 && n + 1 <= 1000)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
