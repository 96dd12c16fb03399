package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage's own throttling with the documented defaults (100 requests/s, burst 200): a token bucket on the
 * runtime's clock, which stands still here, so the counts are exact however slow the machine is.
 */
class StageThrottleE2ETest {

    @Test
    void theStageTakesItsBurstAtOnceThenThrottlesUntilTheBucketRefillsAtItsRate() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2031-02-21T12:00:00Z"));
        try (LocalRuntime runtime = Runtimes.start(Synthesized.DEFAULT, clock)) {
            ApiClient api = new ApiClient(runtime, clock);
            String path = "/counters/stage-" + UUID.randomUUID() + "/increment";
            List<ApiClient.Response> burst = Race.run(25, 230, () -> api.send("POST", path, "{}"));
            assertThat(burst).filteredOn(r -> r.status() == 200).hasSize(200);
            assertThat(burst).filteredOn(r -> r.status() != 200).hasSize(30)
                    .allSatisfy(r -> assertError(r, 429, "Throttled"));

            clock.advance(Duration.ofMillis(10));  // 100/s: one token
            ApiClient.Response one = api.send("POST", path, "{}");
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("value").asInt()).as("throttled calls never reached the table").isEqualTo(201);
            assertError(api.send("POST", path, "{}"), 429, "Throttled");

            clock.advance(Duration.ofSeconds(1));  // 100 tokens
            List<ApiClient.Response> second = Race.run(25, 120, () -> api.send("POST", path, "{}"));
            assertThat(second).filteredOn(r -> r.status() == 200).hasSize(100);
            assertThat(second).filteredOn(r -> r.status() == 429).hasSize(20);
        }
    }
}
