package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never reaches the counter: every answer is a 4xx with a JSON {"error","message"} body, never a 5xx,
 * and the table's contents (read from DynamoDB Local directly) are unchanged.
 */
class BadInputE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;
    private static final String NAME = "guarded";

    @BeforeAll
    static void start() {
        runtime = LocalApi.withFaults(null);
        api = new ApiClient(runtime);
        assertThat(api.send("PUT", "/counters/" + NAME, "{\"value\": 50}").status()).isEqualTo(200);
    }

    private static List<Map<String, AttributeValue>> table() {
        String table = runtime.model().api().stageVariables().get("tableName");
        return runtime.dynamoDb().client().scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                .sorted((a, b) -> (a.get("pk").s() + a.get("sk").s()).compareTo(b.get("pk").s() + b.get("sk").s()))
                .toList();
    }

    private static void assertJsonClientError(ApiClient.Response r, String what) {
        assertThat(r.status()).as(what + " -> " + r.body()).isBetween(400, 499);
        assertThat(r.json().get("error").isTextual()).as(what).isTrue();
        assertThat(r.json().get("message").isTextual()).as(what).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{", "not json", "[1,2]", "5", "null", "{\"by\": \"abc\"}", "{\"by\": 0}", "{\"by\": -1}",
            "{\"by\": \"0.00\"}", "{\"by\": \"-1\"}", "{\"by\": 1.5}", "{\"by\": 1.0000000000000001}", "{\"by\": 1e3}",
            "{\"by\": true}", "{\"by\": null}", "{\"by\": [1]}", "{\"by\": {\"N\": \"1\"}}", "{\"unknown\": 1}",
            "{\"by\": 1, \"max\": \"ten\"}", "{\"by\": \"1\\\"}\"}",
            "{\"by\": 100000000000000000000000000000000000000000000000000}",
            "{\"by\": \"1234567890123456789012345678901234567890.5\"}",
            "{\"by\": 1, \"max\": 99999999999999999999999999999999999999999, \"window\": 60}"
    })
    void badIncrementBodiesAre400AndChangeNothing(String body) {
        List<Map<String, AttributeValue>> before = table();
        ApiClient.Response r = api.send("POST", "/counters/" + NAME + "/increment", body);
        assertJsonClientError(r, body);
        assertThat(r.status()).as(body).isEqualTo(400);
        assertThat(table()).as(body).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT|{}", "PUT|{\"value\": \"1e5\"}", "PUT|{\"value\": 1, \"expected\": \"x\"}",
            "POST /next|{\"count\": 0}", "POST /next|{\"count\": 10001}", "POST /next|{\"count\": \"5\"}",
            "POST /decrement|{\"by\": 2.5}", "POST /decrement|{\"min\": {}}"})
    void badBodiesOnOtherRoutesAre400(String route, String body) {
        List<Map<String, AttributeValue>> before = table();
        String method = route.split(" ")[0];
        String suffix = route.contains(" ") ? route.split(" ")[1] : "";
        ApiClient.Response r = api.send(method, "/counters/" + NAME + suffix, body);
        assertThat(r.status()).as(route + " " + body + " -> " + r.body()).isEqualTo(400);
        assertJsonClientError(r, body);
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void overLongNamesAreRefusedByDynamoDbWith400() {
        List<Map<String, AttributeValue>> before = table();
        ApiClient.Response r = api.send("POST", "/counters/" + "x".repeat(3000) + "/increment", null);
        assertJsonClientError(r, "long name");
        assertThat(table()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"GET|/nothing", "GET|/counters", "POST|/counters/x", "PATCH|/counters/x",
            "GET|/counters/x/increment", "POST|/counters/x/explode", "GET|/counters/x/y/z"})
    void unknownRoutesAndMethodsAreJson4xx(String method, String path) {
        List<Map<String, AttributeValue>> before = table();
        ApiClient.Response r = api.send(method, path, method.equals("GET") ? null : "{}");
        assertJsonClientError(r, method + " " + path);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("MissingAuthenticationToken");
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void otherMediaTypesAre415() {
        ApiClient.Response r = api.send("POST", "/counters/" + NAME + "/increment", "by=1",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), true);
        assertThat(r.status()).isEqualTo(415);
        assertJsonClientError(r, "form body");
    }
}
