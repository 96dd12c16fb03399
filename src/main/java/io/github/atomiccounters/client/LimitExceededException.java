package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * 409 {@code LimitExceeded}: the update would take the counter past its {@code max} or {@code min}, or a
 * rate-limit window is full. Nothing changed. {@link #value()} is the counter's current value (the count in the
 * current window for a window); a window also tells its {@link #limit()}, when it ends ({@link #resetAt()}) and
 * how long to wait ({@link #retryAfter()}). Never retried by the client: whether to wait for the next window is
 * the caller's decision.
 */
public class LimitExceededException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** The counter's (or window's) value when the update was refused. */
    private final BigDecimal value;
    /** A window's limit, or null for a bound. */
    private final BigDecimal limit;
    /** When a window ends, or null for a bound. */
    private final Instant resetAt;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     * @throws IllegalArgumentException if the body has no numeric {@code value}
     */
    public LimitExceededException(RawResponse response) {
        super(response);
        JsonNode json = requireJson(response);
        this.value = Json.decimal(json, "value")
                .orElseThrow(() -> new IllegalArgumentException("LimitExceeded without a value: " + response.body()));
        this.limit = Json.decimal(json, "limit").orElse(null);
        this.resetAt = Json.decimal(json, "resetAt").map(s -> Instant.ofEpochSecond(s.longValue())).orElse(null);
    }

    /**
     * The counter's current value: what the refused update found. For a window, the count in the current window.
     *
     * @return the value (0 for a counter that does not exist)
     */
    public BigDecimal value() {
        return value;
    }

    /**
     * Whether a rate-limit window (increment with {@code window}) refused the call, rather than a {@code max} or
     * {@code min} bound.
     *
     * @return true for a full window, i.e. when the answer carries {@code resetAt} ({@link #resetAt()})
     */
    public boolean isWindow() {
        return resetAt != null;
    }

    /**
     * A window's limit: the {@code max} of the call that last counted in it.
     *
     * @return the limit; empty for a bound
     */
    public Optional<BigDecimal> limit() {
        return Optional.ofNullable(limit);
    }

    /**
     * When a window ends and the next one starts counting from 0.
     *
     * @return the end of the current window (whole seconds); empty for a bound
     */
    public Optional<Instant> resetAt() {
        return Optional.ofNullable(resetAt);
    }
}
