package io.github.atomiccounters.vtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.TemplateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a refusal reaches the client in this project's words, template by template. Increment, decrement and set send
 * a refused request as a transaction that cannot apply, whose number of items is the reason
 * (fragments/refused-update.vtl); error.vtl reads that number back. Next and the shard routes, whose DynamoDB action
 * is fixed, send a number DynamoDB refuses, and error.vtl finds the reason in the request. Each message once here;
 * RefusalMessagesE2ETest sends the ones a client can reach over HTTP.
 */
class RefusalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VtlEngine ENGINE = new VtlEngine();
    private static final String REQUEST_ID = "7f1c1b53-0d5c-4c1e-9a4e-6a3f5b0b2c11";
    private static final Map<String, String> STAGE = Map.of("tableName", "Counters", "partitionKey", "pk",
            "sortKey", "sk", "sortKeyValue", "counter", "shardCount", "4");
    private static final Map<String, String> NO_SORT_KEY = Map.of("tableName", "legacy", "partitionKey", "id");
    private static final String THOUSAND_DIGITS = "1" + "0".repeat(1000);

    static final String BODY = "the request body does not match the route's JSON Schema (see the OpenAPI document)";
    static final String HEADERS = "a request that may carry an Idempotency-Key takes at most 100 headers";
    static final String KEY_FORMAT = "Idempotency-Key must be 1 to 100 characters of A-Z a-z 0-9 _ . : -";
    static final String NAME_TOO_LONG = "a counter's name is at most 2048 bytes of UTF-8";
    static final String SHARDS_NEED_SORT_KEY = "sharded counters need a table with a sort key: each shard is an item "
            + "of its own";
    static final String NUMBER = "the counter's value would not be a number DynamoDB can hold (at most 38 significant "
            + "digits); nothing changed";

    private static String render(String file, String body, String name, Map<String, String> headers,
                                 Map<String, String> stage, MappingContext context) {
        MappingTemplate template = ENGINE.compile(file, TemplateFiles.read(file));
        return template.render(new MappingInput(body, Map.of("name", name), Map.of(), headers, stage, context));
    }

    private static MappingContext context(String resourcePath, String httpMethod) {
        return MappingContext.create().put("resourcePath", resourcePath).put("httpMethod", httpMethod)
                .put("requestId", REQUEST_ID).put("requestTimeEpoch", 1_795_000_000_123L);
    }

    private static Map<String, String> headers(int count, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        for (int i = headers.size(); i < count - (key == null ? 0 : 1); i++) {
            headers.put("X-Padding-" + i, "p");
        }
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return headers;
    }

    /** What error.vtl answers to {@code error} (a DynamoDB error body) after the request: [status, message]. */
    private static String[] answer(String error, String name, Map<String, String> headers, Map<String, String> stage,
                                   MappingContext context) throws Exception {
        JsonNode answer = JSON.readTree(render(AtomicCounterApi.ERROR_TEMPLATE, error, name, headers, stage, context));
        return new String[] {context.responseOverrideStatus().orElse(0) + " " + answer.path("error").asText(),
            answer.path("message").asText()};
    }

    private static String cancelled(int reasons) {
        ObjectNode error = JSON.createObjectNode()
                .put("__type", "com.amazonaws.dynamodb.v20120810#TransactionCanceledException")
                .put("message", "Transaction cancelled, please refer cancellation reasons for specific reasons");
        ArrayNode list = error.putArray("CancellationReasons");
        for (int i = 0; i < reasons; i++) {
            list.addObject().put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
        }
        return error.toString();
    }

    private static String validation(String message) {
        return JSON.createObjectNode().put("__type", "com.amazon.coral.validate#ValidationException")
                .put("message", message).toString();
    }

    static Stream<Arguments> refusedUpdates() {
        String keyNeedsSortKey = "Idempotency-Key on increment, decrement and set needs a table with a sort key: its "
                + "markers are items of their own";
        return Stream.of(
                // route, method, body, headers, stage variables, items, message
                Arguments.of("increment", "POST", "{\"by\": \"abc\"}", headers(3, null), STAGE, 4, BODY),
                Arguments.of("increment", "POST", "{\"by\": 0}", headers(3, null), STAGE, 4, BODY),
                Arguments.of("increment", "POST", "{\"max\": " + THOUSAND_DIGITS + "}", headers(3, null), STAGE, 4,
                        BODY),
                Arguments.of("increment", "POST", "{\"by\": \"1." + "5".repeat(39) + "\"}", headers(3, null), STAGE,
                        4, BODY),
                Arguments.of("increment", "POST", "{\"window\": 5}", headers(3, null), STAGE, 4, BODY),
                Arguments.of("increment", "POST", "{\"window\": 86401, \"max\": 3}", headers(3, null), STAGE, 4, BODY),
                Arguments.of("decrement", "POST", "{\"min\": -" + THOUSAND_DIGITS + "}", headers(3, null), STAGE, 4,
                        BODY),
                Arguments.of("put", "PUT", "{}", headers(3, null), STAGE, 4, BODY),
                Arguments.of("put", "PUT", "{\"value\": 1, \"expected\": " + THOUSAND_DIGITS + "}", headers(3, null),
                        STAGE, 4, BODY),
                Arguments.of("increment", "POST", "{}", headers(101, null), STAGE, 5, HEADERS),
                Arguments.of("put", "PUT", "{\"value\": 1}", headers(101, "k-1"), STAGE, 5, HEADERS),
                Arguments.of("increment", "POST", "{}", headers(3, "bad key"), STAGE, 6, KEY_FORMAT),
                Arguments.of("decrement", "POST", "{}", headers(3, "k".repeat(101)), STAGE, 6, KEY_FORMAT),
                Arguments.of("put", "PUT", "{\"value\": 1}", headers(3, "k\"}"), STAGE, 6, KEY_FORMAT),
                Arguments.of("increment", "POST", "{}", headers(3, "k-1"), NO_SORT_KEY, 7, keyNeedsSortKey),
                Arguments.of("decrement", "POST", "{}", headers(3, "k-1"), NO_SORT_KEY, 7, keyNeedsSortKey),
                Arguments.of("put", "PUT", "{\"value\": 1}", headers(3, "k-1"), NO_SORT_KEY, 7, keyNeedsSortKey),
                Arguments.of("increment", "POST", "{\"window\": 60, \"max\": 5}", headers(3, null), NO_SORT_KEY, 8,
                        "window needs a table with a sort key: each window is an item of its own"),
                Arguments.of("increment", "POST", "{\"window\": 60, \"max\": 5}", headers(3, "k-1"), STAGE, 9,
                        "Idempotency-Key cannot be combined with window: a rate-limit window counts attempts"),
                Arguments.of("increment", "POST", "{\"window\": 60, \"max\": \"2.5\", \"by\": 3}", headers(3, null),
                        STAGE, 10, "by must not exceed max with window: no window could ever accept it"));
    }

    @ParameterizedTest
    @MethodSource("refusedUpdates")
    void aRefusedUpdateIsATransactionThatCannotApplyAndItsLengthIsTheReason(
            String route, String method, String body, Map<String, String> headers, Map<String, String> stage,
            int items, String message) throws Exception {
        String resourcePath = route.equals("put") ? "/counters/{name}" : "/counters/{name}/" + route;
        MappingContext context = context(resourcePath, method);

        JsonNode request = JSON.readTree(render("request/" + route + ".vtl", body, "n", headers, stage, context));

        assertThat(context.requestOverrideHeaders()).containsEntry("X-Amz-Target",
                "DynamoDB_20120810.TransactWriteItems");
        JsonNode transaction = request.get("TransactItems");
        assertThat(transaction).hasSize(items);
        String partitionKey = stage.get("partitionKey");
        for (int i = 0; i < items; i++) {
            JsonNode update = transaction.get(i).get("Update");
            assertThat(update.get("ConditionExpression").asText())
                    .isEqualTo("attribute_exists(#r) AND attribute_not_exists(#r)");
            assertThat(update.get("Key").get(partitionKey).get("S").asText())
                    .isEqualTo("refused#" + (i + 1) + "#" + REQUEST_ID);
            assertThat(update.get("TableName").asText()).isEqualTo(stage.get("tableName"));
        }
        assertThat(answer(cancelled(items), "n", headers, stage, context)).containsExactly("400 BadRequest", message);
    }

    @Test
    void aCancellationLongerThanAnyReasonIsTheBodysAndAKeyedOneIsNotARefusal() throws Exception {
        MappingContext context = context("/counters/{name}/increment", "POST");
        assertThat(answer(cancelled(12), "n", headers(3, null), STAGE, context))
                .containsExactly("400 BadRequest", BODY);
        MappingContext keyed = context("/counters/{name}/increment", "POST");
        assertThat(answer(cancelled(3), "n", headers(3, "k-1"), STAGE, keyed)[0]).isEqualTo("200 ");
    }

    /** DELETE /counters/{name}/shards is a transaction of 100 deletes: its cancellations are never refusals. */
    @Test
    void aCancelledDeleteOfTheShardsIsAConflictOrThrottlingNotARefusal() throws Exception {
        for (String[] c : new String[][] {{"TransactionConflict", "409 ConcurrentUpdate"},
            {"ThrottlingError", "429 Throttled"}}) {
            ObjectNode error = (ObjectNode) JSON.readTree(cancelled(100));
            ((ObjectNode) error.get("CancellationReasons").get(37)).put("Code", c[0]);
            for (int i = 0; i < 100; i++) {
                if (i != 37) {
                    ((ObjectNode) error.get("CancellationReasons").get(i)).put("Code", "None");
                }
            }
            MappingContext context = context("/counters/{name}/shards", "DELETE");
            assertThat(answer(error.toString(), "n", headers(3, null), STAGE, context)[0]).as(c[0]).isEqualTo(c[1]);
        }
    }

    /** A template refusing a body says what API Gateway's validator says (BAD_REQUEST_BODY). */
    @Test
    void theBodysMessageIsTheValidatorsMessage() throws Exception {
        assertThat(JSON.readTree(TemplateFiles.read("gateway/bad-request-body.json")).get("message").asText())
                .isEqualTo(BODY);
    }

    @Test
    void nextRefusesWithANumberDynamoDbCannotReadAndErrorVtlFindsTheReasonInTheRequest() throws Exception {
        String dynamoDb = validation("ExpressionAttributeValues contains invalid value: The parameter cannot be "
                + "converted to a numeric value for key :count");
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("bad key", new Object[] {"{\"count\": 2}", headers(3, "bad key"), KEY_FORMAT});
        cases.put("101 headers", new Object[] {"{}", headers(101, "k-1"), HEADERS});
        cases.put("a count the model refuses", new Object[] {"{\"count\": " + THOUSAND_DIGITS + "}", headers(3, null),
            NUMBER});
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) c.getValue()[1];
            MappingContext context = context("/counters/{name}/next", "POST");
            JsonNode request = JSON.readTree(render("request/next.vtl", (String) c.getValue()[0], "n", headers, STAGE,
                    context));
            assertThat(request.at("/ExpressionAttributeValues/:count/N").asText()).as(c.getKey())
                    .startsWith("refused: ");
            assertThat(request.has("ConditionExpression")).isFalse();
            assertThat(answer(dynamoDb, "n", headers, STAGE, context)).as(c.getKey())
                    .containsExactly("400 BadRequest", (String) c.getValue()[2]);
        }
    }

    @Test
    void theShardRoutesOnATableWithoutASortKeyAreRefusedAndSaySo() throws Exception {
        String dynamoDb = validation("The provided key element does not match the schema");
        for (String[] route : new String[][] {{"shard-increment", "/counters/{name}/shards/increment", "POST"},
            {"shards", "/counters/{name}/shards", "GET"}, {"delete-shards", "/counters/{name}/shards", "DELETE"}}) {
            MappingContext context = context(route[1], route[2]);
            String request = render("request/" + route[0] + ".vtl", "{}", "n", headers(3, null), NO_SORT_KEY,
                    context);
            if (route[0].equals("shard-increment")) {
                assertThat(JSON.readTree(request).at("/ExpressionAttributeValues/:by/N").asText())
                        .isEqualTo("refused: shards-need-sort-key");
            }
            assertThat(answer(dynamoDb, "n", headers(3, null), NO_SORT_KEY, context)).as(route[0])
                    .containsExactly("400 BadRequest", SHARDS_NEED_SORT_KEY);
        }
        MappingContext context = context("/counters/{name}/shards/increment", "POST");
        JsonNode refused = JSON.readTree(render("request/shard-increment.vtl", "{\"max\": 5}", "n", headers(3, null),
                STAGE, context));
        assertThat(refused.at("/ExpressionAttributeValues/:by/N").asText()).isEqualTo("refused: body");
    }

    /** DynamoDB refuses a key over 2048 bytes; error.vtl measures the name in UTF-8 bytes through urlEncode. */
    @Test
    void aNameOverTwoThousandFortyEightBytesIsTooLongAndAnythingElseInvalidIsANumber() throws Exception {
        String dynamoDb = validation("One or more parameter values were invalid: Size of hashkey has exceeded the "
                + "maximum size limit of 2048 bytes");
        Map<String, String> expected = new HashMap<>();
        expected.put("n".repeat(2049), NAME_TOO_LONG);
        expected.put("\u00e9".repeat(1025), NAME_TOO_LONG);
        expected.put("\ud83d\ude00".repeat(513), NAME_TOO_LONG);
        expected.put("n".repeat(2048), NUMBER);
        expected.put("\u00e9".repeat(1024), NUMBER);
        expected.put("100% sure/" + "\ud83d\ude00".repeat(500), NUMBER);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            MappingContext context = context("/counters/{name}/increment", "POST");
            assertThat(answer(dynamoDb, e.getKey(), headers(3, null), STAGE, context)[1])
                    .as(e.getKey().length() + " characters").isEqualTo(e.getValue());
        }
    }
}
