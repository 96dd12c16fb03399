package io.github.atomiccounters.client;

/** 415 {@code UnsupportedMediaType}: a body that is not {@code application/json} (this client sends JSON; seen through {@link CounterClient#send}). */
public class UnsupportedMediaTypeException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public UnsupportedMediaTypeException(RawResponse response) {
        super(response);
    }
}
