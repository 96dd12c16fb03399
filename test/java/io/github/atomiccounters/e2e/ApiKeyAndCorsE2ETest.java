package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The app synthesized with auth=api-key and one CORS origin: keys are enforced, CORS headers on every answer. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeyAndCorsE2ETest {
    private static final String ORIGIN = "https://app.example.com";
    private static ApiClient api;

    @BeforeAll
    static void start() {
        LocalRuntime runtime = LocalApi.runtime("api-key-cors", Map.of("auth", "api-key", "corsOrigins", ORIGIN),
                null);
        api = new ApiClient(runtime);
    }

    private static ApiClient.Response call(String method, String path, String body, Map<String, String> headers) {
        return api.send(method, path, body, headers, false);
    }

    @Test
    @Order(1)
    void withoutTheKeyItIsForbiddenAsJsonWithCors() {
        ApiClient.Response r = call("POST", "/counters/k/increment", "{}", Map.of());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("InvalidApiKey");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(call("POST", "/counters/k/increment", "{}", Map.of("x-api-key", "wrong")).status())
                .isEqualTo(403);
    }

    @Test
    @Order(2)
    void withTheKeySuccessAndErrorResponsesCarryTheOrigin() {
        Map<String, String> key = Map.of("x-api-key", LocalRuntime.DEFAULT_API_KEY, "Origin", ORIGIN);
        ApiClient.Response ok = call("POST", "/counters/k2/increment", "{\"by\": 2}", key);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("value").asInt()).isEqualTo(2);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        ApiClient.Response missing = call("GET", "/counters/never-" + System.nanoTime(), null, key);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        ApiClient.Response bad = call("POST", "/counters/k2/increment", "{\"by\": -1}", key);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    @Order(3)
    void preflightAnswersWithoutCredentials() {
        ApiClient.Response r = call("OPTIONS", "/counters/k/increment", null,
                Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "POST"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers")).contains("X-Api-Key");
    }

    /** Runs last: it uses up the key's usage plan burst (20) and rate (10/s). */
    @Test
    @Order(4)
    void theUsagePlanThrottlesAKeyWithJson429() throws Exception {
        Map<String, String> key = Map.of("x-api-key", LocalRuntime.DEFAULT_API_KEY);
        ExecutorService pool = Executors.newFixedThreadPool(30);
        long started = System.nanoTime();
        List<Future<ApiClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            calls.add(pool.submit(() -> call("POST", "/counters/burst/increment", "{}", key)));
        }
        int allowed = 0;
        int throttled = 0;
        for (Future<ApiClient.Response> f : calls) {
            ApiClient.Response r = f.get();
            if (r.status() == 429) {
                throttled++;
                assertThat(r.json().get("error").asText()).isEqualTo("Throttled");
            } else {
                assertThat(r.status()).isEqualTo(200);
                allowed++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdownNow();
        // a bucket of 20 refilled at 10/s lets at most 20 + 10 * elapsed requests through
        assertThat(allowed).as("allowed in %.2fs", seconds).isLessThanOrEqualTo(20 + (int) Math.ceil(10 * seconds));
        assertThat(throttled).isPositive();
    }
}
