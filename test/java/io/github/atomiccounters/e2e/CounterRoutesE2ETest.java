package io.github.atomiccounters.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every route of the v1 contract over HTTP against the local runtime, with the table checked directly. */
class CounterRoutesE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Map<String, AttributeValue> item(String name) {
        return Items.counter(runtime, name);
    }

    @Test
    void aCounterThatNeverExistedIs404() {
        assertError(api.send("GET", "/counters/" + fresh("nope"), null), 404, "NotFound");
    }

    @Test
    void incrementCreatesOnFirstUseAndReturnsValueAndPrevious() {
        String name = fresh("likes");
        ApiClient.Response first = api.send("POST", "/counters/" + name + "/increment", "");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(ApiClient.JSON.valueToTree(Map.of("name", name, "value", 1, "previous", 0)));
        ApiClient.Response second = api.send("POST", "/counters/" + name + "/increment", "{\"by\": 41}");
        assertThat(second.json().get("value").asInt()).isEqualTo(42);
        assertThat(second.json().get("previous").asInt()).isEqualTo(1);
        ApiClient.Response get = api.send("GET", "/counters/" + name, null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(ApiClient.JSON.valueToTree(Map.of("name", name, "value", 42)));
        assertThat(item(name).get("value").n()).isEqualTo("42");
    }

    @Test
    void decimalAmountsTravelAsStringsAndStayExact() {
        String name = fresh("donations");
        api.send("POST", "/counters/" + name + "/increment", "{\"by\": \"0.1\"}");
        api.send("POST", "/counters/" + name + "/increment", "{\"by\": \"0.2\"}");
        ApiClient.Response r = api.send("POST", "/counters/" + name + "/increment",
                "{\"by\": \"12345678901234567890.123456789\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("value").decimalValue())
                .isEqualByComparingTo(new BigDecimal("12345678901234567890.423456789"));
        assertThat(new BigDecimal(item(name).get("value").n()))
                .isEqualByComparingTo(new BigDecimal("12345678901234567890.423456789"));
    }

    @Test
    void decrementGoesBelowZeroWithoutABound() {
        String name = fresh("balance");
        ApiClient.Response r = api.send("POST", "/counters/" + name + "/decrement", "{\"by\": 3}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("value").asInt()).isEqualTo(-3);
        assertThat(r.json().get("previous").asInt()).isEqualTo(0);
    }

    @Test
    void maxRejectsAnIncrementPastTheBoundWith409AndTheCurrentValue() {
        String name = fresh("credits");
        assertThat(api.send("POST", "/counters/" + name + "/increment", "{\"by\": 8, \"max\": 10}").status())
                .isEqualTo(200);
        ApiClient.Response over = api.send("POST", "/counters/" + name + "/increment", "{\"by\": 3, \"max\": 10}");
        assertError(over, 409, "LimitExceeded");
        assertThat(over.json().get("value").asInt()).isEqualTo(8);
        ApiClient.Response exact = api.send("POST", "/counters/" + name + "/increment", "{\"by\": 2, \"max\": 10}");
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.json().get("value").asInt()).isEqualTo(10);
        assertThat(item(name).get("value").n()).isEqualTo("10");
    }

    @Test
    void aNewCounterIsCreatedUnderABoundOnlyWhenTheFirstUpdateFits() {
        String name = fresh("tiny");
        ApiClient.Response r = api.send("POST", "/counters/" + name + "/increment", "{\"by\": 5, \"max\": 4}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("value").asInt()).isEqualTo(0);
        assertThat(item(name)).isNull();
        ApiClient.Response down = api.send("POST", "/counters/" + name + "/decrement", "{\"by\": 1, \"min\": 0}");
        assertThat(down.status()).isEqualTo(409);
        assertThat(item(name)).isNull();
        ApiClient.Response negative = api.send("POST", "/counters/" + name + "/decrement",
                "{\"by\": 1, \"min\": -1}");
        assertThat(negative.status()).isEqualTo(200);
        assertThat(negative.json().get("value").asInt()).isEqualTo(-1);
    }

    @Test
    void decimalBoundsAreComputedExactly() {
        String name = fresh("wallet");
        api.send("PUT", "/counters/" + name, "{\"value\": \"10.05\"}");
        ApiClient.Response over = api.send("POST", "/counters/" + name + "/decrement",
                "{\"by\": \"0.06\", \"min\": \"10\"}");
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.json().get("value").decimalValue()).isEqualByComparingTo("10.05");
        ApiClient.Response fits = api.send("POST", "/counters/" + name + "/decrement",
                "{\"by\": \"0.05\", \"min\": \"10\"}");
        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.json().get("value").decimalValue()).isEqualByComparingTo("10");
        ApiClient.Response up = api.send("POST", "/counters/" + name + "/increment",
                "{\"by\": \"0.5\", \"max\": \"-2.5\"}");
        assertThat(up.status()).isEqualTo(409);
    }

    /** DynamoDB numbers hold 38 significant digits: 38 are exact, a 39th is refused, never rounded. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"12345678901234567890123456789012345678\"|\"123456789012345678901234567890123456789\"",
            "12345678901234567890123456789012345678|123456789012345678901234567890123456789",
            "\"1.2345678901234567890123456789012345678\"|\"1.23456789012345678901234567890123456789\""})
    void thirtyEightSignificantDigitsAreExactAndThirtyNineAre400(String digits38, String digits39) {
        String name = fresh("precise");
        ApiClient.Response ok = api.send("POST", "/counters/" + name + "/increment", "{\"by\": " + digits38 + "}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        BigDecimal exact = new BigDecimal(digits38.replace("\"", ""));
        assertThat(exact.precision()).isEqualTo(38);
        assertThat(ok.json().get("value").decimalValue()).isEqualByComparingTo(exact);
        assertThat(new BigDecimal(item(name).get("value").n())).isEqualByComparingTo(exact);

        String other = fresh("too-precise");
        assertThat(new BigDecimal(digits39.replace("\"", "")).precision()).isEqualTo(39);
        assertError(api.send("POST", "/counters/" + other + "/increment", "{\"by\": " + digits39 + "}"), 400,
                "BadRequest");
        assertThat(item(other)).isNull();
        assertError(api.send("PUT", "/counters/" + name, "{\"value\": " + digits39 + "}"), 400, "BadRequest");
        assertThat(new BigDecimal(item(name).get("value").n())).isEqualByComparingTo(exact);
    }

    /** A result that needs a 39th digit is refused too, and the counter keeps its value. */
    @Test
    void anUpdateWhoseResultNeeds39DigitsIs400AndChangesNothing() {
        String name = fresh("big");
        String tenTo37 = "1" + "0".repeat(37);
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": \"" + tenTo37 + "\"}").status()).isEqualTo(200);
        assertError(api.send("POST", "/counters/" + name + "/increment", "{\"by\": \"0.1\"}"), 400, "BadRequest");
        assertThat(item(name).get("value").n()).isEqualTo(tenTo37);
        ApiClient.Response fits = api.send("POST", "/counters/" + name + "/increment", "{\"by\": \"1\"}");
        assertThat(fits.status()).as(fits.body()).isEqualTo(200);
        assertThat(fits.json().get("value").decimalValue()).isEqualByComparingTo(new BigDecimal(tenTo37).add(BigDecimal.ONE));
    }

    @Test
    void nextHandsOutIdsStartingAtOne() {
        String name = fresh("members");
        ApiClient.Response one = api.send("POST", "/counters/" + name + "/next", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(ApiClient.JSON.valueToTree(Map.of("name", name, "value", 1, "first", 1)));
        ApiClient.Response block = api.send("POST", "/counters/" + name + "/next", "{\"count\": 10}");
        assertThat(block.json().get("first").asInt()).isEqualTo(2);
        assertThat(block.json().get("value").asInt()).isEqualTo(11);
    }

    @Test
    void putSetsAndExpectedIsCompareAndSet() {
        String name = fresh("stock");
        ApiClient.Response set = api.send("PUT", "/counters/" + name, "{\"value\": 100}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json()).isEqualTo(ApiClient.JSON.valueToTree(Map.of("name", name, "value", 100)));
        ApiClient.Response mismatch = api.send("PUT", "/counters/" + name, "{\"value\": 5, \"expected\": 99}");
        assertError(mismatch, 409, "ExpectedValueMismatch");
        JsonNode body = mismatch.json();
        assertThat(body.get("value").asInt()).isEqualTo(100);
        assertThat(item(name).get("value").n()).isEqualTo("100");
        ApiClient.Response match = api.send("PUT", "/counters/" + name, "{\"value\": 5, \"expected\": 100}");
        assertThat(match.status()).isEqualTo(200);
        assertThat(item(name).get("value").n()).isEqualTo("5");
        String fresh = fresh("cas");
        assertThat(api.send("PUT", "/counters/" + fresh, "{\"value\": 1, \"expected\": 0}").status()).isEqualTo(200);
        assertThat(api.send("PUT", "/counters/" + fresh("cas"), "{\"value\": 1, \"expected\": 7}").status())
                .isEqualTo(409);
    }

    @Test
    void deleteIs204AndIdempotent() {
        String name = fresh("temp");
        api.send("POST", "/counters/" + name + "/increment", null);
        ApiClient.Response deleted = api.send("DELETE", "/counters/" + name, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(item(name)).isNull();
        assertThat(api.send("GET", "/counters/" + name, null).status()).isEqualTo(404);
        assertThat(api.send("DELETE", "/counters/" + name, null).status()).isEqualTo(204);
    }

    @Test
    void hostileNamesAreNamesNotJson() {
        String[] names = {"a\",\"UpdateExpression\":\"SET x = :y", "back\\slash", "quote'single", "ünï-cødé-😀",
                "{\"S\":\"x\"}", "new\nline", "tab\there"};
        for (String name : names) {
            String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            ApiClient.Response r = api.send("POST", "/counters/" + encoded + "/increment", "{\"by\": 2}");
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.json().get("name").asText()).as(name).isEqualTo(name);
            assertThat(r.json().get("value").asInt()).as(name).isGreaterThanOrEqualTo(2);
            assertThat(item(name)).as(name).isNotNull();
            assertThat(item(name)).as(name).containsOnlyKeys("pk", "sk", "value", "previous");
        }
    }
}
