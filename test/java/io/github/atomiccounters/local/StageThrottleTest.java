package io.github.atomiccounters.local;

import io.github.atomiccounters.local.StageThrottle.Decision;
import io.github.atomiccounters.local.StageThrottle.QuotaPeriod;
import io.github.atomiccounters.local.StageThrottle.UsagePlan;
import io.github.atomiccounters.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageThrottleTest {

    // a Wednesday, mid-month, mid-day (UTC)
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-18T12:00:00Z"));

    private static int acquireAll(StageThrottle t, int attempts) {
        int ok = 0;
        for (int i = 0; i < attempts; i++) {
            if (t.tryAcquire()) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void bucketStartsFullWithBurstThenRefillsAtRate() {
        StageThrottle t = new StageThrottle(10, 5, clock);
        assertThat(acquireAll(t, 20)).isEqualTo(5); // the burst, nothing more at the same instant

        clock.advance(Duration.ofMillis(100)); // 10/s -> exactly 1 token
        assertThat(acquireAll(t, 5)).isEqualTo(1);

        clock.advance(Duration.ofMillis(250)); // 2.5 tokens: 2 now, the half is kept
        assertThat(acquireAll(t, 5)).isEqualTo(2);
        clock.advance(Duration.ofMillis(50)); // 0.5 + 0.5 = 1
        assertThat(acquireAll(t, 5)).isEqualTo(1);
    }

    @Test
    void refillNeverExceedsBurst() {
        StageThrottle t = new StageThrottle(100, 3, clock);
        acquireAll(t, 3);
        clock.advance(Duration.ofHours(1));
        assertThat(acquireAll(t, 10)).isEqualTo(3);
    }

    @Test
    void fractionalProgressIsNotLostByRejectedAttempts() {
        StageThrottle t = new StageThrottle(1, 1, clock);
        assertThat(t.tryAcquire()).isTrue();
        for (int i = 0; i < 9; i++) { // many rejected attempts while the token grows
            clock.advance(Duration.ofMillis(100));
            assertThat(t.tryAcquire()).isFalse();
        }
        clock.advance(Duration.ofMillis(100)); // 10 x 100 ms = 1 s = 1 token
        assertThat(t.tryAcquire()).isTrue();
    }

    @Test
    void clockSteppingBackDoesNotAddOrRemoveTokens() {
        StageThrottle t = new StageThrottle(1, 2, clock);
        acquireAll(t, 2);
        clock.advance(Duration.ofSeconds(-30));
        assertThat(t.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(31)); // 1 s after the last refill time
        assertThat(t.tryAcquire()).isTrue();
    }

    @Test
    void zeroBurstOrZeroRateRejectsAsConfigured() {
        assertThat(acquireAll(new StageThrottle(100, 0, clock), 10)).isZero();
        StageThrottle noRefill = new StageThrottle(0, 2, clock);
        assertThat(acquireAll(noRefill, 10)).isEqualTo(2);
        clock.advance(Duration.ofDays(1));
        assertThat(noRefill.tryAcquire()).isFalse();
    }

    @Test
    void concurrentAcquiresNeverDoubleSpendTokens() throws Exception {
        StageThrottle t = new StageThrottle(1, 1000, clock); // clock frozen: exactly 1000 tokens in total
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> acquireAll(t, 1000));
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keyBucketThrottlesPerKeyIndependently() {
        StageThrottle t = StageThrottle.unlimited(clock);
        t.registerApiKey("a", UsagePlan.throttleOnly(1, 2));
        t.registerApiKey("b", UsagePlan.throttleOnly(1, 2));
        assertThat(List.of(t.tryAcquire("a"), t.tryAcquire("a"), t.tryAcquire("a")))
                .containsExactly(Decision.ALLOWED, Decision.ALLOWED, Decision.THROTTLED);
        assertThat(t.tryAcquire("b")).isEqualTo(Decision.ALLOWED); // b has its own bucket
        assertThat(t.tryAcquire(null)).isEqualTo(Decision.ALLOWED); // unlimited stage
        assertThat(t.tryAcquire("nobody")).isEqualTo(Decision.UNKNOWN_KEY);
    }

    @Test
    void quotaIsExceededAfterLimitAndResetsAtTheNextUtcDay() {
        StageThrottle t = StageThrottle.unlimited(clock);
        t.registerApiKey("k", new UsagePlan(1000, 1000, 3, QuotaPeriod.DAY));
        for (int i = 0; i < 3; i++) {
            assertThat(t.tryAcquire("k")).isEqualTo(Decision.ALLOWED);
        }
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.QUOTA_EXCEEDED);
        assertThat(t.quotaUsed("k")).isEqualTo(3);

        clock.set(Instant.parse("2026-11-18T23:59:59Z"));
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.QUOTA_EXCEEDED);
        clock.set(Instant.parse("2026-11-19T00:00:00Z"));
        assertThat(t.quotaUsed("k")).isZero();
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void weeklyQuotaResetsOnMondayAndMonthlyOnTheFirst() {
        StageThrottle t = StageThrottle.unlimited(clock);
        t.registerApiKey("w", new UsagePlan(1000, 1000, 1, QuotaPeriod.WEEK));
        t.registerApiKey("m", new UsagePlan(1000, 1000, 1, QuotaPeriod.MONTH));
        assertThat(t.tryAcquire("w")).isEqualTo(Decision.ALLOWED);
        assertThat(t.tryAcquire("m")).isEqualTo(Decision.ALLOWED);

        clock.set(Instant.parse("2026-11-22T23:00:00Z")); // Sunday: same ISO week, same month
        assertThat(t.tryAcquire("w")).isEqualTo(Decision.QUOTA_EXCEEDED);
        assertThat(t.tryAcquire("m")).isEqualTo(Decision.QUOTA_EXCEEDED);

        clock.set(Instant.parse("2026-11-23T00:00:01Z")); // Monday
        assertThat(t.tryAcquire("w")).isEqualTo(Decision.ALLOWED);
        assertThat(t.tryAcquire("m")).isEqualTo(Decision.QUOTA_EXCEEDED);

        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(t.tryAcquire("m")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void quotaIsCheckedBeforeThrottleAndRejectedRequestsConsumeNothing() {
        StageThrottle t = new StageThrottle(1, 1, clock); // stage: 1 request, then 1/s
        t.registerApiKey("k", new UsagePlan(100, 100, 2, QuotaPeriod.DAY));

        assertThat(t.tryAcquire("k")).isEqualTo(Decision.ALLOWED);
        // stage bucket empty: throttled, and neither the quota nor the key's tokens are spent
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.THROTTLED);
        assertThat(t.quotaUsed("k")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.ALLOWED);
        // quota (2) used up: QUOTA_EXCEEDED even though the stage bucket is also empty
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.QUOTA_EXCEEDED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.QUOTA_EXCEEDED);
        assertThat(t.tryAcquire()).as("the stage token was not spent by the over-quota request").isTrue();
    }

    @Test
    void keyTokenIsRefundedWhenTheStageThrottles() {
        StageThrottle t = new StageThrottle(1, 1, clock); // stage: 1 token, 1/s
        t.registerApiKey("k", UsagePlan.throttleOnly(0, 1)); // key: exactly one token, ever
        assertThat(t.tryAcquire()).isTrue(); // a keyless request takes the stage's token
        assertThat(t.tryAcquire("k")).isEqualTo(Decision.THROTTLED); // by the stage, after taking the key's token

        clock.advance(Duration.ofSeconds(1)); // the stage refills; the key never does
        assertThat(t.tryAcquire("k")).as("key token was given back").isEqualTo(Decision.ALLOWED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.tryAcquire("k")).as("and is now spent").isEqualTo(Decision.THROTTLED);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new StageThrottle(-1, 1, clock)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new StageThrottle(Double.NaN, 1, clock)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new StageThrottle(1, -1, clock)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new UsagePlan(1, 1, 10, null)).hasMessageContaining("period");
    }
}
