package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of idempotent updates: a client error is never a 5xx, and never a 409 that invites retrying forever.
 * A keyed update whose own condition fails on a counter that does not exist is the same 409 as without a key; the key
 * is read from the Idempotency-Key header only (a query parameter of that name is just a query parameter); a
 * transaction cancelled for a reason other than a condition or a conflict is 400 (invalid) or 429 (throttled).
 */
class IdempotencyEdgesE2ETest {
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

    private static ApiClient.Response keyed(ApiClient client, String method, String path, String body, String key) {
        return client.send(method, path, body, Map.of("Idempotency-Key", key), true);
    }

    /** Every item of the counter (its item, windows, markers): nothing written means none. */
    private static List<Map<String, AttributeValue>> items(String name) {
        String table = runtime.model().api().stageVariables().get("tableName");
        return runtime.dynamoDb().client().query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name)))).items();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "POST | increment | {\"by\": 5, \"max\": 3}       | LimitExceeded",
            "POST | decrement | {\"by\": 5, \"min\": 0}       | LimitExceeded",
            "PUT  |           | {\"value\": 7, \"expected\": 3} | ExpectedValueMismatch"})
    void aKeyedUpdateWhoseConditionFailsOnAMissingCounterIs409AsWithoutAKey(String method, String route, String body,
                                                                         String error) {
        String name = fresh("missing");
        String path = "/counters/" + name + (route == null ? "" : "/" + route);
        ApiClient.Response withKey = keyed(api, method, path, body, UUID.randomUUID().toString());
        assertThat(withKey.status()).as(withKey.body()).isEqualTo(409);
        assertThat(withKey.json().get("error").asText()).isEqualTo(error);
        assertThat(withKey.json().get("value").asInt()).isZero();
        assertThat(items(name)).as("nothing written").isEmpty();

        ApiClient.Response without = api.send(method, path, body);
        assertThat(without.status()).isEqualTo(409);
        assertThat(without.json().get("error").asText()).isEqualTo(error);
    }

    @Test
    void anIdempotencyKeyQueryParameterIsNotAKey() {
        String name = fresh("query-key");
        String path = "/counters/" + name + "/increment?Idempotency-Key=k-1";
        ApiClient.Response first = api.send("POST", path, "{\"by\": 2}");
        ApiClient.Response second = api.send("POST", path, "{\"by\": 2}");
        // applied twice, with values: the answers of plain updates, not of keyed ones
        assertThat(first.json().get("value").asInt()).isEqualTo(2);
        assertThat(second.json().get("value").asInt()).isEqualTo(4);
        assertThat(second.json().has("idempotencyKey")).isFalse();
        assertThat(items(name)).hasSize(1);
    }

    @Test
    void theHeaderIsAKeyWhateverTheCaseOfItsName() {
        String name = fresh("header-case");
        String key = UUID.randomUUID().toString();
        for (String header : List.of("idempotency-key", "IDEMPOTENCY-KEY", "Idempotency-Key")) {
            ApiClient.Response r = api.send("POST", "/counters/" + name + "/increment", "{\"by\": 3}",
                    Map.of(header, key), true);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("idempotencyKey").asText()).isEqualTo(key);
        }
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").asInt()).isEqualTo(3);
    }

    @Test
    void aTransactionCancelledAsInvalidIs400NotAConcurrentUpdate() {
        String name = fresh("not-a-number");
        String table = runtime.model().api().stageVariables().get("tableName");
        // a counter item whose value is a string: the transaction's update cannot add to it (ValidationError)
        runtime.dynamoDb().client().putItem(p -> p.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(name), "sk", AttributeValue.fromS("counter"),
                "value", AttributeValue.fromS("seven"))));
        ApiClient.Response r = keyed(api, "POST", "/counters/" + name + "/increment", "{\"by\": 1}",
                UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("BadRequest");
        assertThat(r.header("Retry-After")).isNull();
        assertThat(items(name)).as("only the counter item, unchanged").hasSize(1)
                .allSatisfy(item -> assertThat(item.get("value").s()).isEqualTo("seven"));
    }

    @Test
    void aTransactionCancelledWithAValidationErrorReasonIs400InOurWords() {
        // real DynamoDB's shape of the case above (DynamoDB Local answers it at the top level)
        ApiClient invalid = new ApiClient(Runtimes.shared(Synthesized.E2E, "transaction-invalid:1.0"));
        ApiClient.Response r = keyed(invalid, "POST", "/counters/" + fresh("invalid") + "/increment", "{\"by\": 1}",
                UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("BadRequest");
        // in this project's words, not DynamoDB's
        assertThat(r.json().get("message").asText()).isEqualTo(RefusalMessagesE2ETest.NUMBER);
        assertThat(r.header("Retry-After")).isNull();
    }

    @Test
    void aTransactionCancelledByThrottlingIs429WithRetryAfterNotAConcurrentUpdate() {
        ApiClient throttled = new ApiClient(Runtimes.shared(Synthesized.E2E, "transaction-throttled:1.0"));
        ApiClient.Response r = keyed(throttled, "POST", "/counters/" + fresh("busy") + "/increment", "{\"by\": 1}",
                UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("Throttled");
        assertThat(r.header("Retry-After")).isEqualTo("1");
    }
}
