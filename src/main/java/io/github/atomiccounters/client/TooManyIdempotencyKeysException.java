package io.github.atomiccounters.client;

/**
 * 429 {@code TooManyIdempotencyKeys}: {@code next} with an {@code Idempotency-Key} on a sequence whose item
 * cannot remember another key (DynamoDB's 400 KB item limit). Nothing was reserved. {@link #retryAfter()} is the
 * time until the oldest keys are forgotten (hours, at a UTC day boundary); the client never retries it. Call
 * {@code next} without a key, or split the sequence.
 */
public class TooManyIdempotencyKeysException extends TooManyRequestsException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public TooManyIdempotencyKeysException(RawResponse response) {
        super(response);
    }
}
