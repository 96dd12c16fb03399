package io.github.atomiccounters.apimodel;

/** Steady-state requests per second and burst size. */
public record Throttle(double rateLimit, int burstLimit) {
}
