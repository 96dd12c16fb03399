package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every 400 says in this project's words what was wrong, whoever refused the request: API Gateway's validator, a
 * request template (through its refusal transaction, fragments/refused-update.vtl), or DynamoDB (error.vtl then
 * tells why from the request). Each message the templates produce, sent over HTTP; nothing is ever written, not even
 * the items a refusal transaction names.
 */
class RefusalMessagesE2ETest {
    static final String BODY = "the request body does not match the route's JSON Schema (see the OpenAPI document)";
    static final String HEADERS = "a request that may carry an Idempotency-Key takes at most 100 headers";
    static final String KEY_FORMAT = "Idempotency-Key must be 1 to 100 characters of A-Z a-z 0-9 _ . : -";
    static final String KEY_NEEDS_SORT_KEY = "Idempotency-Key on increment, decrement and set needs a table with a "
            + "sort key: its markers are items of their own";
    static final String WINDOW_NEEDS_SORT_KEY = "window needs a table with a sort key: each window is an item of its own";
    static final String WINDOW_WITH_KEY = "Idempotency-Key cannot be combined with window: a rate-limit window counts "
            + "attempts";
    static final String WINDOW_BY_OVER_MAX = "by must not exceed max with window: no window could ever accept it";
    static final String NAME_TOO_LONG = "a counter's name is at most 2048 bytes of UTF-8";
    static final String SHARDS_NEED_SORT_KEY = "sharded counters need a table with a sort key: each shard is an item "
            + "of its own";
    static final String NUMBER = "the counter's value would not be a number DynamoDB can hold (at most 38 significant "
            + "digits); nothing changed";

    private static LocalRuntime runtime;
    private static LocalRuntime legacy;
    private static ApiClient api;
    private static ApiClient legacyApi;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        legacy = Runtimes.shared(Synthesized.NO_SORT_KEY, null);
        api = new ApiClient(runtime);
        legacyApi = new ApiClient(legacy);
    }

    static void assertRefused(ApiClient.Response r, String message) {
        assertError(r, 400, "BadRequest");
        assertThat(r.json().get("message").asText()).as(r.body()).isEqualTo(message);
        assertThat(r.header("Retry-After")).isNull();
    }

    /** No item a refusal transaction names was ever written (their keys start with "refused#"). */
    private static void assertNoRefusalItem(LocalRuntime on) {
        String pk = on.model().api().stageVariables().get("partitionKey");
        assertThat(on.dynamoDb().client().scan(s -> s.tableName(Items.table(on)).consistentRead(true)
                .filterExpression("begins_with(#pk, :r)").expressionAttributeNames(Map.of("#pk", pk))
                .expressionAttributeValues(Map.of(":r", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS("refused")))).items()).isEmpty();
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** The validator's refusal and a template's say the same (the validator answers through BAD_REQUEST_BODY). */
    @Test
    void aBodyTheModelRefusesSaysSo() {
        String name = fresh("body");
        assertRefused(api.send("POST", "/counters/" + name + "/increment", "{\"by\": -1}"), BODY);
        assertThat(Items.of(runtime, name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|/increment|{\"window\": 60, \"max\": 5}|k-1|" + WINDOW_WITH_KEY,
            "POST|/increment|{\"window\": 60, \"max\": 1, \"by\": 2}||" + WINDOW_BY_OVER_MAX,
            "POST|/increment|{\"window\": 60, \"max\": \"0.5\"}||" + WINDOW_BY_OVER_MAX,
            "POST|/increment|{}|bad key|" + KEY_FORMAT,
            "POST|/decrement|{\"min\": 0}|k\"}]}|" + KEY_FORMAT,
            "PUT||{\"value\": 3}|k?|" + KEY_FORMAT,
            "POST|/next|{\"count\": 2}|bad key|" + KEY_FORMAT})
    void aRefusedRequestSaysWhyAndWritesNothing(String method, String route, String body, String key, String message) {
        String name = fresh("refused");
        Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
        assertRefused(api.send(method, "/counters/" + name + (route == null ? "" : route), body, headers), message);
        assertThat(Items.of(runtime, name)).isEmpty();
        assertNoRefusalItem(runtime);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|/increment|{\"window\": 60, \"max\": 5}||" + WINDOW_NEEDS_SORT_KEY,
            "POST|/increment|{}|k-1|" + KEY_NEEDS_SORT_KEY,
            "POST|/decrement|{}|k-1|" + KEY_NEEDS_SORT_KEY,
            "PUT||{\"value\": 1}|k-1|" + KEY_NEEDS_SORT_KEY,
            "POST|/shards/increment|{}||" + SHARDS_NEED_SORT_KEY,
            "GET|/shards|||" + SHARDS_NEED_SORT_KEY,
            "DELETE|/shards|||" + SHARDS_NEED_SORT_KEY})
    void onATableWithoutASortKeyWhatNeedsOneSaysSo(String method, String route, String body, String key,
                                                   String message) {
        String name = fresh("legacy");
        Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
        assertRefused(legacyApi.send(method, "/counters/" + name + (route == null ? "" : route), body, headers),
                message);
        assertThat(Items.of(legacy, name)).isEmpty();
        assertNoRefusalItem(legacy);
    }

    /** More than 100 headers on a route that may take a key: the key walk would pass #foreach's cap in reach. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"POST|/increment", "POST|/next"})
    void aRequestWithMoreThanAHundredHeadersIsRefused(String method, String route) {
        String name = fresh("headers");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 101; i++) {
            many.put("X-Padding-" + i, "p");
        }
        assertRefused(api.send(method, "/counters/" + name + route, "{}", many), HEADERS);
        assertThat(Items.of(runtime, name)).isEmpty();
        many.keySet().removeIf(h -> Integer.parseInt(h.substring("X-Padding-".length())) >= 80);
        assertThat(api.send(method, "/counters/" + name + route, "{}", many).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"GET|", "POST|/increment", "POST|/next", "PUT|", "DELETE|"})
    void aNameOverDynamoDbsKeyLimitSaysSo(String method, String route) {
        String name = "n".repeat(2049);
        String body = method.equals("PUT") ? "{\"value\": 1}" : method.equals("POST") ? "{}" : null;
        assertRefused(api.send(method, "/counters/" + name + (route == null ? "" : route), body), NAME_TOO_LONG);
    }

    /** DynamoDB refuses a result it cannot hold; the answer says so, not DynamoDB. */
    @Test
    void aResultBeyondThirtyEightDigitsSaysSo() {
        String name = fresh("big");
        String tenTo37 = "1" + "0".repeat(37);
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": \"" + tenTo37 + "\"}").status()).isEqualTo(200);
        assertRefused(api.send("POST", "/counters/" + name + "/increment", "{\"by\": \"0.1\"}"), NUMBER);
        assertThat(Items.counter(runtime, name).get("value").n()).isEqualTo(tenTo37);
        String negative = fresh("big");
        assertThat(api.send("PUT", "/counters/" + negative, "{\"value\": \"-" + tenTo37 + "\"}").status())
                .isEqualTo(200);
        assertRefused(api.send("POST", "/counters/" + negative + "/decrement", "{\"by\": \"0.1\"}"), NUMBER);
        assertThat(Items.counter(runtime, negative).get("value").n()).isEqualTo("-" + tenTo37);
    }
}
