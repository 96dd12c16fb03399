package io.github.atomiccounters.client;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The fixed rate-limit window an increment with {@code window} counted into.
 *
 * @param start   when the window started (aligned to the epoch: a 60 s window starts on the minute)
 * @param resetAt when it ends and the next one starts from 0
 * @param limit   how many it accepts (the call's {@code max})
 */
public record RateWindow(Instant start, Instant resetAt, BigDecimal limit) {
}
