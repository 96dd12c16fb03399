package io.github.atomiccounters.client;

import java.math.BigDecimal;

/**
 * A counter's value, as {@code GET /counters/{name}} read it (strongly consistent).
 *
 * @param name  the counter's name
 * @param value its value, exact
 */
public record Counter(String name, BigDecimal value) {
}
