package io.github.atomiccounters.client;

/** 404 {@code NotFound}: {@code GET} of a counter (or sharded counter) that does not exist. */
public class NotFoundException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /** An exception for this answer. */
    public NotFoundException(RawResponse response) {
        super(response);
    }
}
