package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every time-dependent feature across a UTC midnight: the runtime's clock starts one second before midnight
 * (23:59:59 on {@link MutableClock#DAY}) and the tests step it over. Whatever the wall clock says, a run that
 * crosses a real midnight sees exactly the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcrossUtcMidnightE2ETest {
    private static final Instant LAST_SECOND = MutableClock.oneSecondBeforeMidnight();
    private static final Instant MIDNIGHT = LAST_SECOND.plusSeconds(1);
    private static final long DAY_START = MIDNIGHT.getEpochSecond() - 86400;

    private final MutableClock clock = new MutableClock(LAST_SECOND);
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

    @BeforeEach
    void oneSecondBeforeMidnight() {
        clock.set(LAST_SECOND);
    }

    private ApiClient.Response send(String method, String path, String body, String key) {
        return api.send(method, path, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    @Test
    void rateLimitWindowsOfASecondAMinuteAndADayAllRollAtMidnight() {
        String name = "windows-" + UUID.randomUUID();
        for (int seconds : new int[] {1, 60, 86400}) {
            String body = "{\"window\": " + seconds + ", \"max\": 1}";
            ApiClient.Response last = send("POST", "/counters/" + name + "/increment", body, null);
            assertThat(last.status()).as(last.body()).isEqualTo(200);
            assertThat(last.json().get("window").get("start").asLong()).isEqualTo(MIDNIGHT.getEpochSecond() - seconds);
            assertThat(last.json().get("window").get("resetAt").asLong()).isEqualTo(MIDNIGHT.getEpochSecond());
            ApiClient.Response full = send("POST", "/counters/" + name + "/increment", body, null);
            assertError(full, 409, "LimitExceeded");
            assertThat(full.header("Retry-After")).as(seconds + " s window").isEqualTo("1");
            assertThat(full.json().get("resetAt").asLong()).isEqualTo(MIDNIGHT.getEpochSecond());
        }

        clock.set(MIDNIGHT);
        for (int seconds : new int[] {1, 60, 86400}) {
            ApiClient.Response first = send("POST", "/counters/" + name + "/increment",
                    "{\"window\": " + seconds + ", \"max\": 1}", null);
            assertThat(first.status()).as(seconds + " s: " + first.body()).isEqualTo(200);
            assertThat(first.json().get("value").asInt()).isEqualTo(1);
            assertThat(first.json().get("window").get("start").asLong()).isEqualTo(MIDNIGHT.getEpochSecond());
            assertThat(first.json().get("window").get("resetAt").asLong())
                    .isEqualTo(MIDNIGHT.getEpochSecond() + seconds);
        }
        assertThat(Items.of(runtime, name)).extracting(i -> i.get("sk").s()).containsExactlyInAnyOrder(
                "window#1#" + (MIDNIGHT.getEpochSecond() - 1), "window#1#" + MIDNIGHT.getEpochSecond(),
                "window#60#" + (MIDNIGHT.getEpochSecond() - 60), "window#60#" + MIDNIGHT.getEpochSecond(),
                "window#86400#" + DAY_START, "window#86400#" + MIDNIGHT.getEpochSecond());
    }

    @Test
    void anIdempotentNextKeyIsHonouredAcrossMidnightUntilTheEndOfTheNextDay() {
        String name = "/counters/members-" + UUID.randomUUID();
        assertThat(send("PUT", name, "{\"value\": 0}", null).status()).isEqualTo(200);
        ApiClient.Response late = send("POST", name + "/next", "{\"count\": 2}", "late");
        assertThat(late.json().get("first").asInt()).as(late.body()).isEqualTo(1);
        Map<String, AttributeValue> item = Items.counter(runtime, name.substring("/counters/".length()));
        assertThat(item.get("nextKeys3").m()).as("DAY is 3 mod 4").containsOnlyKeys("late", "late first");

        clock.set(MIDNIGHT);  // day 0 mod 4: yesterday's map is nextKeys3
        ApiClient.Response replay = send("POST", name + "/next", "{\"count\": 2}", "late");
        assertThat(replay.json().get("replayed").asBoolean()).as(replay.body()).isTrue();
        assertThat(replay.json().get("first").asInt()).isEqualTo(1);
        ApiClient.Response early = send("POST", name + "/next", "{\"count\": 1}", "early");
        assertThat(early.json().get("first").asInt()).as(early.body()).isEqualTo(3);
        item = Items.counter(runtime, name.substring("/counters/".length()));
        assertThat(item.get("nextKeys0").m()).containsOnlyKeys("early", "early first");
        assertThat(item.get("nextKeys3").m()).containsOnlyKeys("late", "late first");

        clock.set(MIDNIGHT.plus(Duration.ofDays(1)).minusSeconds(1));  // the last second of the next day
        assertThat(send("POST", name + "/next", "{\"count\": 2}", "late").json().get("replayed").asBoolean())
                .isTrue();
        clock.set(MIDNIGHT.plus(Duration.ofDays(1)));  // then it is forgotten: the same call reserves new ids
        ApiClient.Response forgotten = send("POST", name + "/next", "{\"count\": 2}", "late");
        assertThat(forgotten.json().get("replayed").asBoolean()).as(forgotten.body()).isFalse();
        assertThat(forgotten.json().get("first").asInt()).isEqualTo(4);
        // "early" was keyed on the day that is now yesterday: still a replay
        assertThat(send("POST", name + "/next", "{\"count\": 1}", "early").json().get("first").asInt()).isEqualTo(3);
    }

    @Test
    void anIdempotentUpdateIsRememberedForExactly24HoursAcrossMidnight() {
        String name = "/counters/orders-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", name + "/increment", "{\"by\": 5}", key).json().get("replayed").asBoolean()).isFalse();
        for (Instant at : new Instant[] {MIDNIGHT, LAST_SECOND.plus(Duration.ofDays(1))}) {
            clock.set(at);
            ApiClient.Response replay = send("POST", name + "/increment", "{\"by\": 5}", key);
            assertThat(replay.json().get("replayed").asBoolean()).as(at + ": " + replay.body()).isTrue();
        }
        clock.set(MIDNIGHT.plus(Duration.ofDays(1)));  // 24 h and 1 s after the call: expired
        ApiClient.Response again = send("POST", name + "/increment", "{\"by\": 5}", key);
        assertThat(again.json().get("replayed").asBoolean()).as(again.body()).isFalse();
        assertThat(send("GET", name, null, null).json().get("value").asInt()).isEqualTo(10);
    }

    @Test
    void aSignatureMadeBeforeMidnightIsValidAfterItForFifteenMinutes() {
        ApiClient signedBefore = api.signingAt(Clock.fixed(LAST_SECOND, ZoneOffset.UTC));
        String name = "/counters/signed-" + UUID.randomUUID();
        clock.set(MIDNIGHT.plusSeconds(1));
        assertThat(signedBefore.send("PUT", name, "{\"value\": 1}").status()).isEqualTo(200);
        clock.set(LAST_SECOND.plus(Duration.ofMinutes(15)));
        assertThat(signedBefore.send("GET", name, null).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertError(signedBefore.send("GET", name, null), 403, "ExpiredToken");
    }

    @Test
    void anApiKeysDailyQuotaResetsAtMidnight() {
        try (LocalRuntime keyed = Runtimes.start(Synthesized.API_KEY, clock)) {
            ApiClient client = new ApiClient(keyed, clock).unsigned();
            Map<String, String> key = Map.of("x-api-key", LocalRuntime.DEFAULT_API_KEY);
            String path = "/counters/quota-" + UUID.randomUUID() + "/increment";
            for (int i = 1; i <= 7; i++) {  // the burst
                assertThat(client.send("POST", path, "{}", key).json().get("value").asInt()).isEqualTo(i);
            }
            clock.advance(Duration.ofMillis(600));  // 23:59:59.6: three more tokens, the last of 10 a day
            for (int i = 8; i <= 10; i++) {
                assertThat(client.send("POST", path, "{}", key).json().get("value").asInt()).isEqualTo(i);
            }
            assertError(client.send("POST", path, "{}", key), 429, "QuotaExceeded");
            clock.set(MIDNIGHT.minusMillis(1));
            assertError(client.send("POST", path, "{}", key), 429, "QuotaExceeded");
            clock.set(MIDNIGHT);
            ApiClient.Response newDay = client.send("POST", path, "{}", key);
            assertThat(newDay.status()).as(newDay.body()).isEqualTo(200);
            assertThat(newDay.json().get("value").asInt()).isEqualTo(11);
        }
    }
}
