package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never reaches the counter: every answer is a 4xx with a JSON {"error","message"} body, never a 5xx,
 * and the items the request names (read from DynamoDB Local directly, by key) are unchanged.
 */
class BadInputE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;
    private static final String NAME = "guarded";

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
        assertThat(api.send("PUT", "/counters/" + NAME, "{\"value\": 50}").status()).isEqualTo(200);
    }

    /** Every item of the guarded counter and of the names the unknown routes mention, by key. */
    private static Map<String, List<Map<String, AttributeValue>>> table() {
        Map<String, List<Map<String, AttributeValue>>> items = new TreeMap<>();
        for (String name : List.of(NAME, "x", "nothing", "counters")) {
            items.put(name, Items.of(runtime, name));
        }
        assertThat(items.get(NAME)).as("the guarded counter exists").isNotEmpty();
        return items;
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
        var before = table();
        ApiClient.Response r = api.send("POST", "/counters/" + NAME + "/increment", body);
        assertError(r, 400, "BadRequest");
        assertThat(table()).as(body).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT|{}", "PUT|{\"value\": \"1e5\"}", "PUT|{\"value\": 1, \"expected\": \"x\"}",
            "POST /next|{\"count\": 0}", "POST /next|{\"count\": 10001}", "POST /next|{\"count\": \"5\"}",
            "POST /decrement|{\"by\": 2.5}", "POST /decrement|{\"min\": {}}"})
    void badBodiesOnOtherRoutesAre400(String route, String body) {
        var before = table();
        String method = route.split(" ")[0];
        String suffix = route.contains(" ") ? route.split(" ")[1] : "";
        ApiClient.Response r = api.send(method, "/counters/" + NAME + suffix, body);
        assertError(r, 400, "BadRequest");
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void overLongNamesAreRefusedByDynamoDbWith400() {
        String name = "x".repeat(3000);
        ApiClient.Response r = api.send("POST", "/counters/" + name + "/increment", null);
        assertError(r, 400, "BadRequest");
        assertError(api.send("GET", "/counters/" + name, null), 400, "BadRequest");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"GET|/nothing", "GET|/counters", "POST|/counters/x", "PATCH|/counters/x",
            "GET|/counters/x/increment", "POST|/counters/x/explode", "GET|/counters/x/y/z"})
    void unknownRoutesAndMethodsAreJson4xx(String method, String path) {
        var before = table();
        ApiClient.Response r = api.send(method, path, method.equals("GET") ? null : "{}");
        assertError(r, 403, "MissingAuthenticationToken");
        assertThat(table()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/xml"})
    void otherMediaTypesAre415UnsupportedMediaType(String contentType) {
        var before = table();
        ApiClient.Response r = api.send("POST", "/counters/" + NAME + "/increment", "by=1",
                Map.of("Content-Type", contentType), true);
        assertError(r, 415, "UnsupportedMediaType");
        assertThat(table()).isEqualTo(before);
    }

    /** API Gateway's payload limit is 10 MB: one byte more is 413 before anything else looks at it. */
    @Test
    void aBodyOverTenMegabytesIs413RequestTooLarge() {
        var before = table();
        String body = "{\"by\": 1, \"pad\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        ApiClient.Response r = api.send("POST", "/counters/" + NAME + "/increment", body);
        assertError(r, 413, "RequestTooLarge");
        assertThat(table()).isEqualTo(before);
    }
}
