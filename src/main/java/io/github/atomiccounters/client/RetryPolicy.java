package io.github.atomiccounters.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how long {@link CounterClient} retries an answer that says "try again" (429 throttling, 503, 409
 * {@code ConcurrentUpdate}) or a failed connection. Which calls may be retried at all is decided by the client
 * (see {@link CounterClient}): never in a way that could count twice.
 *
 * <p>Before retry {@code n} (1, 2, ...) the client waits the server's {@code Retry-After} when it sent one, else
 * {@code initialBackoff × 2^(n-1)}; then adds a random share of up to {@code jitter} of that wait, so that clients
 * throttled together do not come back together; and never waits more than {@code maxDelay}. An answer whose
 * {@code Retry-After} is longer than {@code maxDelay} is not retried (waiting less than asked would fail again).
 *
 * @param maxAttempts    attempts per call, the first included (1 = no retries). {@link #defaults()}: 4
 * @param initialBackoff the first wait when the server gives no {@code Retry-After}. Default: 200 ms
 * @param maxDelay       the longest single wait. Default: 20 s
 * @param jitter         the largest random share added to a wait, 0 to 1. Default: 0.2
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxDelay, double jitter) {

    /**
     * Validates the settings.
     *
     * @param maxAttempts    attempts per call, the first included; at least 1
     * @param initialBackoff the first wait without {@code Retry-After}; not null, not negative
     * @param maxDelay       the longest single wait; not null, not negative
     * @param jitter         the largest random share added to a wait, from 0 to 1
     * @throws IllegalArgumentException when a setting is out of range
     * @throws NullPointerException     when a duration is null
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialBackoff.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("waits cannot be negative: " + initialBackoff + ", " + maxDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /**
     * The default of {@link CounterClient.Builder#retryPolicy(RetryPolicy)}: 4 attempts, 200 ms initial backoff,
     * 20 s longest wait, jitter 0.2. Without {@code Retry-After} the retries wait about 0.2, 0.4 and 0.8 s.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(20), 0.2);
    }

    /**
     * One attempt: every error is thrown as it comes, and a failed connection as an
     * {@link java.io.UncheckedIOException}.
     *
     * @return a policy without retries
     */
    public static RetryPolicy none() {
        return defaults().withMaxAttempts(1);
    }

    /**
     * This policy with another number of attempts.
     *
     * @param newMaxAttempts attempts per call, the first included; at least 1
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code newMaxAttempts} is less than 1
     */
    public RetryPolicy withMaxAttempts(int newMaxAttempts) {
        return new RetryPolicy(newMaxAttempts, initialBackoff, maxDelay, jitter);
    }

    /**
     * This policy with another first wait for answers without {@code Retry-After} (later waits double it).
     *
     * @param newInitialBackoff the first wait; not negative
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code newInitialBackoff} is negative
     */
    public RetryPolicy withInitialBackoff(Duration newInitialBackoff) {
        return new RetryPolicy(maxAttempts, newInitialBackoff, maxDelay, jitter);
    }

    /**
     * This policy with another longest wait; a {@code Retry-After} longer than it is not waited for.
     *
     * @param newMaxDelay the longest single wait; not negative
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code newMaxDelay} is negative
     */
    public RetryPolicy withMaxDelay(Duration newMaxDelay) {
        return new RetryPolicy(maxAttempts, initialBackoff, newMaxDelay, jitter);
    }

    /**
     * This policy with another jitter.
     *
     * @param newJitter the largest random share added to a wait, from 0 (waits exactly as computed) to 1
     * @return a new policy; this one is unchanged
     * @throws IllegalArgumentException when {@code newJitter} is outside 0 to 1
     */
    public RetryPolicy withJitter(double newJitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxDelay, newJitter);
    }

    /**
     * The wait before retry {@code retry} (1 = the first retry), or empty when the server asks for longer than
     * {@link #maxDelay()}.
     *
     * @param retryAfter the server's {@code Retry-After}, if any
     * @param random     a number in [0, 1) that scales the jitter
     */
    Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter, double random) {
        Duration base;
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(maxDelay) > 0) {
                return Optional.empty();
            }
            base = retryAfter.get();
        } else {
            // doubling, without overflowing for silly attempt counts
            base = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 30));
            base = base.compareTo(maxDelay) > 0 ? maxDelay : base;
        }
        Duration jittered = base.plusNanos((long) (base.toNanos() * jitter * random));
        return Optional.of(jittered.compareTo(maxDelay) > 0 ? maxDelay : jittered);
    }
}
