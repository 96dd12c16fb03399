package io.github.atomiccounters.client;

import java.math.BigDecimal;

/**
 * 409 {@code ExpectedValueMismatch}: a compare-and-set ({@code set} with {@code expected}) found another value.
 * Nothing changed; {@link #value()} is the value it found, so a caller can recompute and try again.
 */
public class ExpectedValueMismatchException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** The counter's value when the compare-and-set ran. */
    private final BigDecimal value;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     * @throws IllegalArgumentException if the body has no numeric {@code value}
     */
    public ExpectedValueMismatchException(RawResponse response) {
        super(response);
        this.value = Json.decimal(requireJson(response), "value").orElseThrow(
                () -> new IllegalArgumentException("ExpectedValueMismatch without a value: " + response.body()));
    }

    /**
     * The value the compare-and-set found instead of {@code expected}: recompute from it and set again with it
     * as the new {@code expected}.
     *
     * @return the counter's value (0 for a counter that does not exist)
     */
    public BigDecimal value() {
        return value;
    }
}
