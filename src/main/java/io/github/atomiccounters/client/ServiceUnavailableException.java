package io.github.atomiccounters.client;

/**
 * 503 {@code ServiceUnavailable} (DynamoDB failed, {@code Retry-After: 1}; also API Gateway's integration failures
 * and timeouts). The update may or may not have been applied, so the client retries only calls that cannot count
 * twice: reads, deletes, and updates with an {@code Idempotency-Key}. Thrown when it does not retry or the
 * attempts run out.
 */
public class ServiceUnavailableException extends ServerErrorException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public ServiceUnavailableException(RawResponse response) {
        super(response);
    }
}
