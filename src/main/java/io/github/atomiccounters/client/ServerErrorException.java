package io.github.atomiccounters.client;

/**
 * 5xx: the server failed. {@code InternalError} (500) carries only a request id; {@link ServiceUnavailableException}
 * is the retryable kind. Also thrown for any 5xx whose code this client does not know.
 */
public class ServerErrorException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public ServerErrorException(RawResponse response) {
        super(response);
    }
}
