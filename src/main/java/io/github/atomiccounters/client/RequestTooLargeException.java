package io.github.atomiccounters.client;

/**
 * 413 {@code RequestTooLarge}: API Gateway refused a body over its 10 MB payload limit before anything was applied;
 * a retry of the same request gets the same answer. This client's requests are far smaller; seen through
 * {@link CounterClient#send}.
 */
public class RequestTooLargeException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public RequestTooLargeException(RawResponse response) {
        super(response);
    }
}
