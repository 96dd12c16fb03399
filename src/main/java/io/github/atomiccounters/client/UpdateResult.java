package io.github.atomiccounters.client;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The answer to increment, decrement or set.
 *
 * <p>An update sent with an {@code Idempotency-Key} (the caller's, or one the client generated, see
 * {@link CounterClient}) runs in a DynamoDB transaction, which returns no values: its {@code value} and
 * {@code previous} are empty, and {@link #idempotencyKey()} and {@link #replayed()} say what happened. Read the
 * counter with {@link CounterClient#get} if you need its value.
 *
 * @param name           the counter's name
 * @param value          its new value (the count in the current window for a window); empty with a key
 * @param previous       the value it replaced; empty with a key, and always for a set
 * @param window         the rate-limit window counted into, for an increment with {@code window}
 * @param idempotencyKey the key the update was sent with, if any
 * @param replayed       true when the key had already been applied (within 24 h): nothing changed now. After a
 *                       retry by the client this means an earlier attempt was applied and its answer was lost.
 */
public record UpdateResult(String name, Optional<BigDecimal> value, Optional<BigDecimal> previous,
                           Optional<RateWindow> window, Optional<String> idempotencyKey, boolean replayed) {
}
