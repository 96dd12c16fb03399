package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code PUT /counters/{name}}: the value to set, optionally only if the counter holds {@code expected}
 * (compare-and-set), and an {@code Idempotency-Key}. A set also prepares a sequence for {@code next} with a key.
 * Immutable: {@code SetRequest.value(10).expected(9)}.
 */
public final class SetRequest {
    private final BigDecimal value;
    private final BigDecimal expected;
    private final String idempotencyKey;

    private SetRequest(BigDecimal value, BigDecimal expected, String idempotencyKey) {
        this.value = Objects.requireNonNull(value, "value");
        this.expected = expected;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * A request that sets the counter to {@code value}, unconditionally and without key.
     *
     * @param value the new value
     * @return the request
     */
    public static SetRequest value(long value) {
        return value(BigDecimal.valueOf(value));
    }

    /**
     * A request that sets the counter to {@code value}, unconditionally and without key.
     *
     * @param value the new value; decimals are exact, up to 38 significant digits (the API answers 400
     *              {@link BadRequestException} otherwise)
     * @return the request
     * @throws NullPointerException when {@code value} is null
     */
    public static SetRequest value(BigDecimal value) {
        return new SetRequest(value, null, null);
    }

    /**
     * Sets only if the counter holds {@code expected} (a counter that does not exist counts as 0); otherwise 409
     * {@link ExpectedValueMismatchException} with the value it holds, and nothing changes.
     *
     * @param newExpected the value the counter must hold
     * @return a new request with this condition
     */
    public SetRequest expected(long newExpected) {
        return expected(BigDecimal.valueOf(newExpected));
    }

    /**
     * As {@link #expected(long)}, with an exact decimal.
     *
     * @param newExpected the value the counter must hold
     * @return a new request with this condition
     * @throws NullPointerException when {@code newExpected} is null
     */
    public SetRequest expected(BigDecimal newExpected) {
        return new SetRequest(value, Objects.requireNonNull(newExpected, "expected"), idempotencyKey);
    }

    /**
     * Applies the set at most once per key and counter within 24 hours; the answer then carries no value.
     *
     * @param key the {@code Idempotency-Key}: 1 to 100 characters of {@code A-Z a-z 0-9 _ . : -}, new per
     *            logical update
     * @return a new request with this key
     * @throws NullPointerException when {@code key} is null
     */
    public SetRequest idempotencyKey(String key) {
        return new SetRequest(value, expected, Objects.requireNonNull(key, "key"));
    }

    /**
     * The value to set.
     *
     * @return the {@code value} of the body
     */
    public BigDecimal value() {
        return value;
    }

    /**
     * The value the counter must hold for the set to apply.
     *
     * @return the {@code expected} of the body; empty for an unconditional set
     */
    public Optional<BigDecimal> expected() {
        return Optional.ofNullable(expected);
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
        body.set("value", Json.amount(value));
        if (expected != null) {
            body.set("expected", Json.amount(expected));
        }
        return body;
    }

    @Override
    public String toString() {
        return "SetRequest" + body() + (idempotencyKey == null ? "" : " key " + idempotencyKey);
    }
}
