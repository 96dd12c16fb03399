package io.github.atomiccounters.client;

import java.math.BigDecimal;

/**
 * 409 {@code ExpectedValueMismatch}: a compare-and-set ({@code set} with {@code expected}) found another value.
 * Nothing changed; {@link #value()} is the value it found, so a caller can recompute and try again.
 */
public class ExpectedValueMismatchException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final BigDecimal value;

    /**
     * An exception for this answer.
     *
     * @throws IllegalArgumentException if the body has no numeric {@code value}
     */
    public ExpectedValueMismatchException(RawResponse response) {
        super(response);
        this.value = Json.decimal(requireJson(response), "value").orElseThrow(
                () -> new IllegalArgumentException("ExpectedValueMismatch without a value: " + response.body()));
    }

    /** The counter's current value (a counter that does not exist counts as 0). */
    public BigDecimal value() {
        return value;
    }
}
