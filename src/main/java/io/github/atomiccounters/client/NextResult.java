package io.github.atomiccounters.client;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The ids {@code next} reserved: the caller owns every id from {@link #first()} to {@link #last()}.
 *
 * @param name           the sequence's name
 * @param first          the first id reserved (1 for a new sequence)
 * @param last           the last id reserved, the sequence's value now (the answer's {@code value})
 * @param idempotencyKey the key it was sent with, if any
 * @param replayed       true when the key had already reserved these ids: nothing was reserved now
 */
public record NextResult(String name, BigDecimal first, BigDecimal last, Optional<String> idempotencyKey,
                         boolean replayed) {
}
