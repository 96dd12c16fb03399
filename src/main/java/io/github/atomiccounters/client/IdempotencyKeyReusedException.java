package io.github.atomiccounters.client;

/**
 * 409 {@code IdempotencyKeyReused}: the {@code Idempotency-Key} was already used with another request on this
 * counter (another body or route within 24 hours; for {@code next}, another count within 24 to 48 hours).
 * Nothing changed. A programming error on the caller's side: never retried.
 */
public class IdempotencyKeyReusedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public IdempotencyKeyReusedException(RawResponse response) {
        super(response);
    }
}
