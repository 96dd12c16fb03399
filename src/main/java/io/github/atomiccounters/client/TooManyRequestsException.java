package io.github.atomiccounters.client;

/**
 * 429: the request was refused before anything was applied. {@link ThrottledException} and
 * {@link TooManyIdempotencyKeysException} say why; this class itself is thrown for a 429 whose code this client
 * does not know.
 */
public class TooManyRequestsException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public TooManyRequestsException(RawResponse response) {
        super(response);
    }
}
