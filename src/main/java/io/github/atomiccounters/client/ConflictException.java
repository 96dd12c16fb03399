package io.github.atomiccounters.client;

/**
 * 409: the update was refused and changed nothing. The subclasses say why ({@link LimitExceededException},
 * {@link ExpectedValueMismatchException}, {@link IdempotencyKeyReusedException},
 * {@link ConcurrentUpdateException}, {@link SequenceNotPreparedException}); this class itself is thrown for a
 * 409 whose code this client does not know.
 */
public class ConflictException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public ConflictException(RawResponse response) {
        super(response);
    }
}
