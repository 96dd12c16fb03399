package io.github.atomiccounters.client;

/**
 * 409 {@code ConcurrentUpdate}: another transaction held the counter (idempotent updates run in a DynamoDB
 * transaction); nothing changed. The client retries it with the same {@code Idempotency-Key} after
 * {@code Retry-After} (1 s); this is thrown when the attempts run out.
 */
public class ConcurrentUpdateException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public ConcurrentUpdateException(RawResponse response) {
        super(response);
    }
}
