package io.github.atomiccounters.client;

import java.time.Duration;

/**
 * Waits between attempts. The default is {@link Thread#sleep}; tests inject one that records the waits and
 * returns at once, so nothing in them depends on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits this long (or returns at once, in a test). */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
