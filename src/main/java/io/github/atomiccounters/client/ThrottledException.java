package io.github.atomiccounters.client;

/**
 * 429 {@code Throttled} (stage or usage-plan throttling, or DynamoDB throttling, with {@code Retry-After: 1}) or
 * {@code QuotaExceeded} (the API key's daily quota). Nothing was applied, so the client retries every call on it,
 * waiting {@link #retryAfter()} when the server sent one; this is thrown when the attempts run out.
 */
public class ThrottledException extends TooManyRequestsException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public ThrottledException(RawResponse response) {
        super(response);
    }
}
