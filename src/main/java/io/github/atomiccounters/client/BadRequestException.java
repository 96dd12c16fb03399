package io.github.atomiccounters.client;

/**
 * 400 {@code BadRequest}: the body fails the route's JSON Schema (for example {@code by} not positive, {@code window}
 * without {@code max}), a number DynamoDB refuses, a name longer than 2048 bytes, a malformed
 * {@code Idempotency-Key} or a key combined with {@code window}. Also thrown for any 400 with an unknown code.
 * Never retried: the same request fails the same way.
 */
public class BadRequestException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public BadRequestException(RawResponse response) {
        super(response);
    }
}
