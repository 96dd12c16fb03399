package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app synthesized with auth=api-key: the key is required, and its usage plan (rate 5/s, burst 7, 10 a day,
 * {@link Synthesized#API_KEY}) throttles it. The runtime's clock only moves when a test moves it, so every count
 * below is exact, however slow the machine; each test starts on a day of its own (fresh quota, full bucket).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyE2ETest {
    private static final Map<String, String> KEY = Map.of("x-api-key", LocalRuntime.DEFAULT_API_KEY,
            "Origin", Synthesized.ORIGIN);

    private final MutableClock clock = new MutableClock(Instant.parse("2031-02-21T12:00:00Z"));
    private LocalRuntime runtime;
    private ApiClient api;

    @BeforeAll
    void start() {
        runtime = Runtimes.start(Synthesized.API_KEY, clock);
        api = new ApiClient(runtime, clock).unsigned();
    }

    @AfterAll
    void stop() {
        runtime.close();
    }

    @BeforeEach
    void nextDay() {
        clock.advance(Duration.ofDays(1));
    }

    private ApiClient.Response increment(String name) {
        return api.send("POST", "/counters/" + name + "/increment", "{}", KEY);
    }

    private static void assertThrottledWithCors(ApiClient.Response r, String code) {
        assertError(r, 429, code);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(Synthesized.ORIGIN);
    }

    @Test
    void withoutTheKeyOrWithAWrongOneItIsInvalidApiKeyWithCors() {
        for (Map<String, String> headers : List.of(Map.of("Origin", Synthesized.ORIGIN),
                Map.of("x-api-key", "wrong", "Origin", Synthesized.ORIGIN))) {
            ApiClient.Response r = api.send("POST", "/counters/k/increment", "{}", headers);
            assertError(r, 403, "InvalidApiKey");
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(Synthesized.ORIGIN);
        }
    }

    @Test
    void theKeysBucketLetsItsBurstThroughThenThrottlesUntilItRefills() throws Exception {
        String name = "burst-" + UUID.randomUUID();
        List<ApiClient.Response> burst = Race.run(10, 20, () -> increment(name));
        assertThat(burst).filteredOn(r -> r.status() == 200).hasSize(7);
        assertThat(burst).filteredOn(r -> r.status() != 200)
                .hasSize(13).allSatisfy(r -> assertThrottledWithCors(r, "Throttled"));
        assertThat(api.send("GET", "/counters/" + name, null, KEY).status()).as("throttled: no token").isEqualTo(429);

        clock.advance(Duration.ofMillis(200)); // 5/s: exactly one token
        assertThat(increment(name).json().get("value").asInt()).isEqualTo(8);
        assertThrottledWithCors(increment(name), "Throttled");
    }

    @Test
    void theDailyQuotaIsQuotaExceededUntilTheNextUtcDayAndThrottledCallsDoNotCountAgainstIt() {
        String name = "quota-" + UUID.randomUUID();
        for (int i = 1; i <= 7; i++) {
            assertThat(increment(name).json().get("value").asInt()).isEqualTo(i);
        }
        for (int i = 0; i < 5; i++) {
            assertThrottledWithCors(increment(name), "Throttled");  // not counted against the quota
        }
        clock.advance(Duration.ofSeconds(1));  // 5 more tokens; 3 calls left of the 10 a day
        for (int i = 8; i <= 10; i++) {
            assertThat(increment(name).json().get("value").asInt()).isEqualTo(i);
        }
        assertThrottledWithCors(increment(name), "QuotaExceeded");
        clock.advance(Duration.ofHours(2));  // a full bucket does not help: the quota is per UTC day
        assertThrottledWithCors(increment(name), "QuotaExceeded");

        clock.set(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1)));
        ApiClient.Response nextDay = increment(name);
        assertThat(nextDay.status()).as(nextDay.body()).isEqualTo(200);
        assertThat(nextDay.json().get("value").asInt()).isEqualTo(11);
    }
}
