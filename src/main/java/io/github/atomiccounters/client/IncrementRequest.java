package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /counters/{name}/increment}: what to add, and optionally a bound, a rate-limit window and an
 * {@code Idempotency-Key}. Immutable; each method returns a new request:
 * {@code IncrementRequest.by(5).max(100)}, {@code IncrementRequest.by(1).max(5).window(Duration.ofMinutes(1))}.
 */
public final class IncrementRequest {
    private final BigDecimal by;
    private final BigDecimal max;
    private final Duration window;
    private final String idempotencyKey;

    private IncrementRequest(BigDecimal by, BigDecimal max, Duration window, String idempotencyKey) {
        this.by = Objects.requireNonNull(by, "by");
        this.max = max;
        this.window = window;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * A request that adds {@code by}, without bound, window or key.
     *
     * @param by the amount, greater than 0 (the API answers 400 {@link BadRequestException} otherwise)
     * @return the request
     */
    public static IncrementRequest by(long by) {
        return by(BigDecimal.valueOf(by));
    }

    /**
     * A request that adds {@code by}, without bound, window or key.
     *
     * @param by the amount, greater than 0; decimals are exact, up to 38 significant digits (the API answers 400
     *           {@link BadRequestException} otherwise)
     * @return the request
     * @throws NullPointerException when {@code by} is null
     */
    public static IncrementRequest by(BigDecimal by) {
        return new IncrementRequest(by, null, null, null);
    }

    /**
     * Refuses the update (409 {@link LimitExceededException}, nothing changes) if the result would exceed
     * {@code max}; a counter that does not exist counts as 0. With {@link #window(Duration)}, the number of
     * updates the window accepts.
     *
     * @param newMax the largest value the counter may reach
     * @return a new request with this bound
     */
    public IncrementRequest max(long newMax) {
        return max(BigDecimal.valueOf(newMax));
    }

    /**
     * As {@link #max(long)}, with an exact decimal.
     *
     * @param newMax the largest value the counter may reach
     * @return a new request with this bound
     * @throws NullPointerException when {@code newMax} is null
     */
    public IncrementRequest max(BigDecimal newMax) {
        return new IncrementRequest(by, Objects.requireNonNull(newMax, "max"), window, idempotencyKey);
    }

    /**
     * Counts into the counter's current fixed window of this length instead of the counter itself: at most
     * {@code max} per window (so {@code max} is required). Whole seconds, 1 s to 1 day. A window counts attempts,
     * so it takes no {@code Idempotency-Key}: the client never adds one, and retries such a call only when the
     * answer proves nothing was counted.
     *
     * @param newWindow the window's length, whole seconds from 1 s to 1 day (the API answers 400 outside that)
     * @return a new request with this window
     * @throws IllegalArgumentException when {@code newWindow} has a fraction of a second
     * @throws NullPointerException     when {@code newWindow} is null
     */
    public IncrementRequest window(Duration newWindow) {
        Objects.requireNonNull(newWindow, "window");
        if (newWindow.getNano() != 0) {
            throw new IllegalArgumentException("a window is whole seconds, got " + newWindow);
        }
        return new IncrementRequest(by, max, newWindow, idempotencyKey);
    }

    /**
     * Applies the increment at most once per key and counter within 24 hours (1 to 100 characters of
     * {@code A-Z a-z 0-9 _ . : -}). The answer then carries no value. See {@link CounterClient} for the keys the
     * client generates itself.
     *
     * @param key the {@code Idempotency-Key}: 1 to 100 characters of {@code A-Z a-z 0-9 _ . : -}, new per
     *            logical update
     * @return a new request with this key
     * @throws NullPointerException when {@code key} is null
     */
    public IncrementRequest idempotencyKey(String key) {
        return new IncrementRequest(by, max, window, Objects.requireNonNull(key, "key"));
    }

    /**
     * The amount added.
     *
     * @return the {@code by} of the body
     */
    public BigDecimal by() {
        return by;
    }

    /**
     * The upper bound.
     *
     * @return the {@code max} of the body; empty for none
     */
    public Optional<BigDecimal> max() {
        return Optional.ofNullable(max);
    }

    /**
     * The rate-limit window's length.
     *
     * @return the {@code window} of the body; empty for none
     */
    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    /**
     * The caller's {@code Idempotency-Key}.
     *
     * @return the key; empty for none (the client may then generate one)
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    ObjectNode body() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("by", Json.amount(by));
        if (max != null) {
            body.set("max", Json.amount(max));
        }
        if (window != null) {
            body.put("window", window.getSeconds());
        }
        return body;
    }

    @Override
    public String toString() {
        return "IncrementRequest" + body() + (idempotencyKey == null ? "" : " key " + idempotencyKey);
    }
}
