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

    /** Sets the counter to {@code value}. */
    public static SetRequest value(long value) {
        return value(BigDecimal.valueOf(value));
    }

    /** Sets the counter to {@code value} (decimals are exact, up to 38 significant digits). */
    public static SetRequest value(BigDecimal value) {
        return new SetRequest(value, null, null);
    }

    /**
     * Sets only if the counter holds {@code expected} (a counter that does not exist counts as 0); otherwise 409
     * {@link ExpectedValueMismatchException} with the value it holds, and nothing changes.
     */
    public SetRequest expected(long newExpected) {
        return expected(BigDecimal.valueOf(newExpected));
    }

    /** As {@link #expected(long)}. */
    public SetRequest expected(BigDecimal newExpected) {
        return new SetRequest(value, Objects.requireNonNull(newExpected, "expected"), idempotencyKey);
    }

    /** Applies the set at most once per key and counter within 24 hours; the answer then carries no value. */
    public SetRequest idempotencyKey(String key) {
        return new SetRequest(value, expected, Objects.requireNonNull(key, "key"));
    }

    /** The value to set. */
    public BigDecimal value() {
        return value;
    }

    /** The value the counter must hold, if any. */
    public Optional<BigDecimal> expected() {
        return Optional.ofNullable(expected);
    }

    /** The caller's {@code Idempotency-Key}, if any. */
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
