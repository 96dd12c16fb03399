package io.github.atomiccounters.client;

import java.time.Duration;

/**
 * Waits between attempts. The default is {@link Thread#sleep}; tests inject one that records the waits and
 * returns at once, so nothing in them depends on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits this long (or returns at once, in a test).
     *
     * @param duration the wait, never negative
     * @throws InterruptedException when the thread is interrupted while waiting; the client then gives up the
     *         call with an {@link java.io.UncheckedIOException} and keeps the thread's interrupt status
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The real wait, {@link Thread#sleep}, in whole milliseconds.
     *
     * @return the default sleeper
     */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
