package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /counters/{name}/decrement}: what to subtract, and optionally a lower bound and an
 * {@code Idempotency-Key}. Immutable: {@code DecrementRequest.by(1).min(0)} takes one item out of a stock and
 * never goes below 0, however many callers race.
 */
public final class DecrementRequest {
    private final BigDecimal by;
    private final BigDecimal min;
    private final String idempotencyKey;

    private DecrementRequest(BigDecimal by, BigDecimal min, String idempotencyKey) {
        this.by = Objects.requireNonNull(by, "by");
        this.min = min;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * A request that subtracts {@code by}, without bound or key.
     *
     * @param by the amount, greater than 0 (the API answers 400 {@link BadRequestException} otherwise)
     * @return the request
     */
    public static DecrementRequest by(long by) {
        return by(BigDecimal.valueOf(by));
    }

    /**
     * A request that subtracts {@code by}, without bound or key.
     *
     * @param by the amount, greater than 0; decimals are exact, up to 38 significant digits (the API answers 400
     *           {@link BadRequestException} otherwise)
     * @return the request
     * @throws NullPointerException when {@code by} is null
     */
    public static DecrementRequest by(BigDecimal by) {
        return new DecrementRequest(by, null, null);
    }

    /**
     * Refuses the update (409 {@link LimitExceededException}, nothing changes) if the result would go below
     * {@code min}; a counter that does not exist counts as 0.
     *
     * @param newMin the smallest value the counter may reach, e.g. 0 for a stock
     * @return a new request with this bound
     */
    public DecrementRequest min(long newMin) {
        return min(BigDecimal.valueOf(newMin));
    }

    /**
     * As {@link #min(long)}, with an exact decimal.
     *
     * @param newMin the smallest value the counter may reach
     * @return a new request with this bound
     * @throws NullPointerException when {@code newMin} is null
     */
    public DecrementRequest min(BigDecimal newMin) {
        return new DecrementRequest(by, Objects.requireNonNull(newMin, "min"), idempotencyKey);
    }

    /**
     * Applies the decrement at most once per key and counter within 24 hours; the answer then carries no value.
     *
     * @param key the {@code Idempotency-Key}: 1 to 100 characters of {@code A-Z a-z 0-9 _ . : -}, new per
     *            logical update
     * @return a new request with this key
     * @throws NullPointerException when {@code key} is null
     */
    public DecrementRequest idempotencyKey(String key) {
        return new DecrementRequest(by, min, Objects.requireNonNull(key, "key"));
    }

    /**
     * The amount subtracted.
     *
     * @return the {@code by} of the body
     */
    public BigDecimal by() {
        return by;
    }

    /**
     * The lower bound.
     *
     * @return the {@code min} of the body; empty for none
     */
    public Optional<BigDecimal> min() {
        return Optional.ofNullable(min);
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
        if (min != null) {
            body.set("min", Json.amount(min));
        }
        return body;
    }

    @Override
    public String toString() {
        return "DecrementRequest" + body() + (idempotencyKey == null ? "" : " key " + idempotencyKey);
    }
}
