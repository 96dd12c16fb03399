package io.github.atomiccounters.client;

/** 404 {@code NotFound}: {@code GET} of a counter (or sharded counter) that does not exist. */
public class NotFoundException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public NotFoundException(RawResponse response) {
        super(response);
    }
}
