package io.github.atomiccounters.local;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * API Gateway's request throttling for one stage: a token bucket shared by every request of the stage, plus, for
 * API keys in a usage plan, a per-key token bucket and a per-key quota.
 *
 * <p>Why token buckets: that is API Gateway's documented algorithm (rate = steady-state refill per second,
 * burst = bucket capacity; the bucket starts full). A throttled request gets 429 "Too Many Requests"
 * (gateway response THROTTLED), a request over its quota 429 "Limit Exceeded" (QUOTA_EXCEEDED).
 *
 * <p>Time comes from an injectable {@link Clock} so that tests advance time instead of sleeping. Quota periods
 * are UTC calendar periods (day; ISO week starting Monday; month): an assumption, API Gateway does not document
 * the week's first day.
 */
public final class StageThrottle {

    public enum Decision { ALLOWED, THROTTLED, QUOTA_EXCEEDED, UNKNOWN_KEY }

    public enum QuotaPeriod { DAY, WEEK, MONTH }

    /**
     * A usage plan's per-key limits. {@code quotaLimit} &lt;= 0 means no quota; a null period likewise.
     */
    public record UsagePlan(double ratePerSecond, int burst, long quotaLimit, QuotaPeriod quotaPeriod) {
        public UsagePlan {
            checkBucket(ratePerSecond, burst);
            if (quotaLimit > 0 && quotaPeriod == null) {
                throw new IllegalArgumentException("a quota limit needs a period (DAY, WEEK or MONTH)");
            }
        }

        public static UsagePlan throttleOnly(double ratePerSecond, int burst) {
            return new UsagePlan(ratePerSecond, burst, 0, null);
        }

        boolean hasQuota() {
            return quotaLimit > 0 && quotaPeriod != null;
        }
    }

    private final Clock clock;
    private final TokenBucket stage; // null: the stage is not throttled
    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

    /** A stage throttled at {@code ratePerSecond} with a bucket of {@code burst} requests, on the system clock. */
    public StageThrottle(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, Clock.systemUTC());
    }

    public StageThrottle(double ratePerSecond, int burst, Clock clock) {
        this(new TokenBucket(ratePerSecond, burst, Objects.requireNonNull(clock, "clock")), clock);
    }

    private StageThrottle(TokenBucket stage, Clock clock) {
        this.stage = stage;
        this.clock = clock;
    }

    /** No stage-level limit (usage plans registered later still apply to their keys). */
    public static StageThrottle unlimited(Clock clock) {
        return new StageThrottle(null, clock);
    }

    /** Puts an API key under a usage plan (replacing any earlier one and resetting its usage). */
    public void registerApiKey(String apiKey, UsagePlan plan) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(plan, "plan");
        keys.put(apiKey, new KeyState(plan, new TokenBucket(plan.ratePerSecond(), plan.burst(), clock)));
    }

    /** One request without an API key: only the stage bucket applies. Thread-safe, lock-free. */
    public boolean tryAcquire() {
        return stage == null || stage.tryAcquire();
    }

    /**
     * One request with an API key (null: none required). Checks, in order: the key is known, its quota, its
     * plan's bucket, the stage bucket. A rejected request consumes neither quota nor tokens.
     */
    public Decision tryAcquire(String apiKeyOrNull) {
        if (apiKeyOrNull == null) {
            return tryAcquire() ? Decision.ALLOWED : Decision.THROTTLED;
        }
        KeyState key = keys.get(apiKeyOrNull);
        if (key == null) {
            return Decision.UNKNOWN_KEY; // API Gateway: 403 Forbidden for a key in no usage plan of the stage
        }
        // Per key, a lock makes "quota left?" and "count it" one step; contention is per key only.
        synchronized (key) {
            if (key.plan.hasQuota()) {
                key.rollPeriod(clock.instant());
                if (key.used >= key.plan.quotaLimit()) {
                    return Decision.QUOTA_EXCEEDED;
                }
            }
            if (!key.bucket.tryAcquire()) {
                return Decision.THROTTLED;
            }
            if (!tryAcquire()) {
                key.bucket.refund(); // the request did not go through: give the key its token back
                return Decision.THROTTLED;
            }
            key.used++;
            return Decision.ALLOWED;
        }
    }

    /** Requests counted against the key's quota in the current period (API Gateway's GetUsage), or -1. */
    public long quotaUsed(String apiKey) {
        KeyState key = keys.get(apiKey);
        if (key == null) {
            return -1;
        }
        synchronized (key) {
            key.rollPeriod(clock.instant());
            return key.used;
        }
    }

    private static void checkBucket(double ratePerSecond, int burst) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, got " + ratePerSecond);
        }
        if (burst < 0) {
            throw new IllegalArgumentException("burst must be >= 0, got " + burst);
        }
    }

    private static final class KeyState {
        final UsagePlan plan;
        final TokenBucket bucket;
        Instant periodStart; // guarded by this
        long used;           // guarded by this

        KeyState(UsagePlan plan, TokenBucket bucket) {
            this.plan = plan;
            this.bucket = bucket;
        }

        void rollPeriod(Instant now) {
            Instant start = periodStart(plan.quotaPeriod(), now);
            if (!start.equals(periodStart)) {
                periodStart = start;
                used = 0;
            }
        }

        static Instant periodStart(QuotaPeriod period, Instant now) {
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            LocalDate first = switch (period) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /**
     * Lock-free token bucket: the state (tokens, time of last refill) is one immutable object swapped by CAS,
     * so concurrent requests never block each other and never double-spend a token.
     */
    static final class TokenBucket {
        private record State(double tokens, long nanos) { }

        private final double ratePerNano;
        private final double capacity;
        private final Clock clock;
        private final AtomicReference<State> state;

        TokenBucket(double ratePerSecond, int burst, Clock clock) {
            checkBucket(ratePerSecond, burst);
            this.ratePerNano = ratePerSecond / 1e9;
            this.capacity = burst;
            this.clock = clock;
            this.state = new AtomicReference<>(new State(burst, nanos(clock))); // starts full
        }

        boolean tryAcquire() {
            while (true) {
                State s = state.get();
                long now = nanos(clock);
                // a clock that steps back (NTP) must not drain or overfill the bucket
                double refilled = Math.min(capacity, s.tokens + Math.max(0, now - s.nanos) * ratePerNano);
                if (refilled < 1) {
                    // keep the refill time as is: writing it back would lose the fractional progress on contention
                    return false;
                }
                if (state.compareAndSet(s, new State(refilled - 1, Math.max(now, s.nanos)))) {
                    return true;
                }
            }
        }

        void refund() {
            state.updateAndGet(s -> new State(Math.min(capacity, s.tokens + 1), s.nanos));
        }

        private static long nanos(Clock clock) {
            Instant i = clock.instant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
    }
}
