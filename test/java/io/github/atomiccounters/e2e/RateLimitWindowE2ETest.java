package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed rate-limit windows: POST /counters/{name}/increment with {"window": seconds, "max": limit}. The runtime's
 * clock stands still unless a test moves it, so which window a call lands in never depends on the machine's
 * speed or the time of day (crossing a UTC midnight: {@link AcrossUtcMidnightE2ETest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitWindowE2ETest {
    /** 10:00:00 UTC: the start of a 2 s, a 60 s and an 86,400 s window alike (epoch-aligned). */
    private static final Instant TEN_AM = Instant.parse("2031-02-21T10:00:00Z");
    private static final long DAY_START = Instant.parse("2031-02-21T00:00:00Z").getEpochSecond();

    private final MutableClock clock = new MutableClock(TEN_AM);
    private LocalRuntime runtime;
    private ApiClient api;

    @BeforeAll
    void start() {
        runtime = Runtimes.start(Synthesized.E2E, clock);
        api = new ApiClient(runtime, clock);
    }

    @AfterAll
    void stop() {
        runtime.close();
    }

    private ApiClient.Response hit(String name, String body) {
        return api.send("POST", "/counters/" + name + "/increment", body);
    }

    private static String window(int seconds, int max) {
        return "{\"window\": " + seconds + ", \"max\": " + max + "}";
    }

    @Test
    void aWindowAcceptsMaxThenRefusesUntilItsResetAtAndTheNextWindowStartsFromZero() {
        clock.set(TEN_AM.plusMillis(500));
        long start = TEN_AM.getEpochSecond();
        String name = "login-" + UUID.randomUUID();

        ApiClient.Response first = hit(name, window(2, 2));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("value").asInt()).isEqualTo(1);
        assertThat(first.json().get("previous").asInt()).isEqualTo(0);
        assertThat(first.json().get("window").get("start").asLong()).isEqualTo(start);
        assertThat(first.json().get("window").get("resetAt").asLong()).isEqualTo(start + 2);
        assertThat(first.json().get("window").get("limit").asInt()).isEqualTo(2);
        clock.advance(Duration.ofMillis(1499));  // 10:00:01.999, still the same window
        assertThat(hit(name, window(2, 2)).json().get("value").asInt()).isEqualTo(2);

        ApiClient.Response refused = hit(name, window(2, 2));
        assertError(refused, 409, "LimitExceeded");
        assertThat(refused.json().get("value").asInt()).isEqualTo(2);
        assertThat(refused.json().get("limit").asInt()).isEqualTo(2);
        assertThat(refused.json().get("resetAt").asLong()).isEqualTo(start + 2);
        assertThat(refused.header("Retry-After")).as("resetAt - now, at least 1").isEqualTo("1");
        // the plain counter of the same name is untouched
        assertThat(api.send("GET", "/counters/" + name, null).status()).isEqualTo(404);

        clock.advance(Duration.ofMillis(1));  // 10:00:02.000: the next window
        ApiClient.Response next = hit(name, window(2, 2));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().get("value").asInt()).isEqualTo(1);
        assertThat(next.json().get("window").get("start").asLong()).isEqualTo(start + 2);

        // one item per window, each expiring (TTL, epoch seconds) a minute after its end
        List<Map<String, AttributeValue>> items = Items.of(runtime, name);
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
    void retryAfterCountsTheWholeSecondsLeftInTheWindow() {
        clock.set(TEN_AM.plusSeconds(17));  // 43 s left of the minute
        String name = "minute-" + UUID.randomUUID();
        assertThat(hit(name, window(60, 1)).status()).isEqualTo(200);
        ApiClient.Response refused = hit(name, window(60, 1));
        assertError(refused, 409, "LimitExceeded");
        assertThat(refused.json().get("resetAt").asLong()).isEqualTo(TEN_AM.getEpochSecond() + 60);
        assertThat(refused.header("Retry-After")).isEqualTo("43");
    }

    @Test
    void exactlyMaxOfManyConcurrentCallsGetThrough() throws Exception {
        clock.set(TEN_AM.plusSeconds(59));  // one second before the minute ends: no call may slip into the next
        String name = "api-calls-" + UUID.randomUUID();
        int max = 25;
        int calls = 150;
        List<ApiClient.Response> responses = Race.run(50, calls, () -> hit(name, window(60, max)));
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(max)
                .extracting(r -> r.json().get("value").asInt()).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(1, max));
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(calls - max)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isEqualTo("1"));
        assertThat(Items.of(runtime, name)).singleElement()
                .satisfies(i -> assertThat(i.get("value").n()).isEqualTo(Integer.toString(max)));
    }

    @Test
    void byCountsAgainstTheLimitToo() {
        clock.set(TEN_AM);
        String name = "bytes-" + UUID.randomUUID();
        String body = "{\"window\": 86400, \"max\": 10, \"by\": 4}";
        ApiClient.Response first = hit(name, body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("window").get("start").asLong()).isEqualTo(DAY_START);
        assertThat(hit(name, body).json().get("value").asInt()).isEqualTo(8);
        ApiClient.Response refused = hit(name, body);
        assertError(refused, 409, "LimitExceeded");
        assertThat(refused.json().get("value").asInt()).isEqualTo(8);
        assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(14 * 3600));  // until midnight
        assertThat(hit(name, "{\"window\": 86400, \"max\": 10, \"by\": 2}").json().get("value").asInt())
                .isEqualTo(10);
    }

    @Test
    void windowsOfTwoLengthsOnOneNameCountSeparatelyAndApartFromThePlainCounter() {
        clock.set(TEN_AM.plusSeconds(30));
        String name = "both-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 100}").status()).isEqualTo(200);
        for (int i = 1; i <= 3; i++) {
            assertThat(hit(name, window(60, 3)).json().get("value").asInt()).isEqualTo(i);
        }
        assertError(hit(name, window(60, 3)), 409, "LimitExceeded");
        // the hour's window has its own count and limit: the full minute does not count against it
        ApiClient.Response hour = hit(name, window(3600, 5));
        assertThat(hour.status()).as(hour.body()).isEqualTo(200);
        assertThat(hour.json().get("value").asInt()).isEqualTo(1);
        assertThat(hour.json().get("window").get("start").asLong()).isEqualTo(TEN_AM.getEpochSecond());
        assertThat(hour.json().get("window").get("resetAt").asLong()).isEqualTo(TEN_AM.getEpochSecond() + 3600);

        assertThat(Items.of(runtime, name)).extracting(i -> i.get("sk").s() + "=" + i.get("value").n())
                .containsExactlyInAnyOrder("counter=100", "window#60#" + TEN_AM.getEpochSecond() + "=3",
                        "window#3600#" + TEN_AM.getEpochSecond() + "=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"window\": 2}", "{\"window\": 0, \"max\": 1}", "{\"window\": 86401, \"max\": 1}",
            "{\"window\": \"2\", \"max\": 1}", "{\"window\": 2.5, \"max\": 1}", "{\"window\": -2, \"max\": 1}",
            "{\"window\": 2, \"max\": 1, \"by\": 2}", "{\"window\": 2, \"max\": -1}"})
    void badWindowsAre400AndWriteNothing(String body) {
        String name = "bad-window-" + UUID.randomUUID();
        assertError(hit(name, body), 400, "BadRequest");
        assertThat(Items.of(runtime, name)).as(body).isEmpty();
    }

    /** Windows are items of their own, keyed by the sort key: a table without one cannot hold them. */
    @Test
    void onATableWithoutASortKeyAWindowIs400AndWritesNothing() {
        LocalRuntime legacy = Runtimes.shared(Synthesized.NO_SORT_KEY, null);
        ApiClient client = new ApiClient(legacy);
        String name = "legacy-window-" + UUID.randomUUID();
        assertError(client.send("POST", "/counters/" + name + "/increment", window(60, 5)), 400, "BadRequest");
        assertThat(Items.of(legacy, name)).isEmpty();
        // the plain counter on that table works
        assertThat(client.send("POST", "/counters/" + name + "/increment", "{\"max\": 5}").json().get("value")
                .asInt()).isEqualTo(1);
    }
}
