package io.github.atomiccounters.client;

/**
 * An answer this client cannot read: not JSON (a proxy's HTML page, an empty body), an error without a code at a
 * status the API does not use, or a success whose body lacks the fields of the route's contract. It keeps the
 * status and the body as received ({@link #statusCode()}, {@link #rawBody()}).
 */
public class UnexpectedResponseException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public UnexpectedResponseException(RawResponse response) {
        super(response);
    }
}
