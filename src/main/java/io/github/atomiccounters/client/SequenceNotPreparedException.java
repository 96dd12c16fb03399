package io.github.atomiccounters.client;

/**
 * 409 {@code SequenceNotPrepared}: {@code next} with an {@code Idempotency-Key} on a sequence that was never
 * {@code set} (the set creates the maps that remember the keys). Nothing was reserved. Prepare the sequence once
 * with {@link CounterClient#set(String, SetRequest)}: {@code SetRequest.value(0)} for a new one, or a
 * compare-and-set to its own value for one in use.
 */
public class SequenceNotPreparedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public SequenceNotPreparedException(RawResponse response) {
        super(response);
    }
}
