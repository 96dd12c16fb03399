package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixed rate-limit windows: POST /counters/{name}/increment with {"window": seconds, "max": limit}. */
class RateLimitWindowE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = LocalApi.withFaults(null);
        api = new ApiClient(runtime);
    }

    /** Sleeps until just after the next multiple of {@code window} seconds (epoch), and returns that start. */
    private static long alignToNextWindow(long window) throws InterruptedException {
        long nowMs = System.currentTimeMillis();
        long next = (nowMs / 1000 / window + 1) * window;
        Thread.sleep(next * 1000 - nowMs + 50);
        return next;
    }

    private static List<Map<String, AttributeValue>> items(String name) {
        String table = runtime.model().api().stageVariables().get("tableName");
        return runtime.dynamoDb().client().query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :n").expressionAttributeValues(Map.of(":n",
                        AttributeValue.fromS(name)))).items();
    }

    private static ApiClient.Response hit(String name, String body) {
        return api.send("POST", "/counters/" + name + "/increment", body);
    }

    @Test
    void aWindowAcceptsMaxThenRefusesWithResetAtAndAcceptsAgainOnceItRolls() throws Exception {
        String name = "login-" + UUID.randomUUID();
        String body = "{\"window\": 2, \"max\": 2}";
        long start = alignToNextWindow(2);

        ApiClient.Response first = hit(name, body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("value").asInt()).isEqualTo(1);
        assertThat(first.json().get("previous").asInt()).isEqualTo(0);
        assertThat(first.json().get("window").get("start").asLong()).isEqualTo(start);
        assertThat(first.json().get("window").get("resetAt").asLong()).isEqualTo(start + 2);
        assertThat(first.json().get("window").get("limit").asInt()).isEqualTo(2);
        assertThat(hit(name, body).json().get("value").asInt()).isEqualTo(2);

        ApiClient.Response refused = hit(name, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("LimitExceeded");
        assertThat(refused.json().get("value").asInt()).isEqualTo(2);
        assertThat(refused.json().get("limit").asInt()).isEqualTo(2);
        assertThat(refused.json().get("resetAt").asLong()).isEqualTo(start + 2);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        // the plain counter of the same name is untouched
        assertThat(api.send("GET", "/counters/" + name, null).status()).isEqualTo(404);

        Thread.sleep((start + 2) * 1000 - System.currentTimeMillis() + 50);
        ApiClient.Response next = hit(name, body);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().get("value").asInt()).isEqualTo(1);
        assertThat(next.json().get("window").get("start").asLong()).isEqualTo(start + 2);

        // one item per window, each expiring (TTL, epoch seconds) a minute after its end
        List<Map<String, AttributeValue>> items = items(name);
        assertThat(items).extracting(i -> i.get("sk").s())
                .containsExactlyInAnyOrder("window#2#" + start, "window#2#" + (start + 2));
        for (Map<String, AttributeValue> item : items) {
            long windowStart = Long.parseLong(item.get("sk").s().substring("window#2#".length()));
            assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(windowStart + 2 + 60));
            assertThat(item.get("resetAt").n()).isEqualTo(Long.toString(windowStart + 2));
        }
        assertThat(items).filteredOn(i -> i.get("sk").s().equals("window#2#" + start))
                .singleElement().satisfies(i -> assertThat(i.get("value").n()).isEqualTo("2"));
    }

    @Test
    void exactlyMaxOfManyConcurrentCallsGetThrough() throws Exception {
        String name = "api-calls-" + UUID.randomUUID();
        long window = 60;
        if (System.currentTimeMillis() / 1000 % window > window - 15) {
            alignToNextWindow(window); // keep the race inside one window
        }
        int max = 25;
        int calls = 150;
        String body = "{\"window\": " + window + ", \"max\": " + max + "}";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<ApiClient.Response> responses = new ArrayList<>();
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> hit(name, body)));
            }
            for (Future<ApiClient.Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(max)
                .extracting(r -> r.json().get("value").asInt()).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(1, max));
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(calls - max)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isNotNull());
        assertThat(items(name)).singleElement()
                .satisfies(i -> assertThat(i.get("value").n()).isEqualTo(Integer.toString(max)));
    }

    @Test
    void byCountsAgainstTheLimitToo() {
        String name = "bytes-" + UUID.randomUUID();
        String body = "{\"window\": 86400, \"max\": 10, \"by\": 4}";
        assertThat(hit(name, body).status()).isEqualTo(200);
        assertThat(hit(name, body).json().get("value").asInt()).isEqualTo(8);
        ApiClient.Response refused = hit(name, body);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("value").asInt()).isEqualTo(8);
        assertThat(hit(name, "{\"window\": 86400, \"max\": 10, \"by\": 2}").json().get("value").asInt())
                .isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"window\": 2}", "{\"window\": 0, \"max\": 1}", "{\"window\": 86401, \"max\": 1}",
            "{\"window\": \"2\", \"max\": 1}", "{\"window\": 2.5, \"max\": 1}", "{\"window\": -2, \"max\": 1}",
            "{\"window\": 2, \"max\": 1, \"by\": 2}", "{\"window\": 2, \"max\": -1}"})
    void badWindowsAre400AndWriteNothing(String body) {
        String name = "bad-window-" + UUID.randomUUID();
        ApiClient.Response r = hit(name, body);
        assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("BadRequest");
        assertThat(items(name)).as(body).isEmpty();
    }
}
