package io.github.atomiccounters.testing;

import io.github.atomiccounters.local.LocalRuntime;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Local runtimes for tests, serving a {@link Synthesized} template on an embedded DynamoDB Local.
 *
 * <ul>
 *   <li>{@link #shared}: one runtime per (context, faults) per JVM, on {@link #clock()}, shared across test
 *       classes; for tests whose outcomes do not depend on the time (each uses counter names of its own).</li>
 *   <li>{@link #start}: a runtime of the caller's own, on the caller's clock (a {@link MutableClock}); the caller
 *       closes it. Anything whose outcome depends on time (windows, quotas, token buckets, key expiry, day maps,
 *       signature age) runs on one of these, so no test shares a clock with another.</li>
 * </ul>
 */
public final class Runtimes {
    /**
     * Set it to an instant (e.g. {@code -Datomiccounters.test.clock=2031-02-21T23:59:59Z}) to run the shared
     * runtimes on a clock that ticks from there: the whole suite then crosses a UTC midnight a second in, which
     * proves that no test on a shared runtime depends on the time of day.
     */
    public static final String CLOCK_PROPERTY = "atomiccounters.test.clock";

    private static final Clock CLOCK = wallClock(System.getProperty(CLOCK_PROPERTY));
    private static final Map<String, LocalRuntime> SHARED = new ConcurrentHashMap<>();

    private Runtimes() {
    }

    private static Clock wallClock(String start) {
        if (start == null || start.isBlank()) {
            return Clock.systemUTC();
        }
        Instant from = Instant.parse(start.trim());
        System.out.println("[clock] shared runtimes tick from " + from);
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), from));
    }

    /** The ticking clock of the shared runtimes: the system clock, unless {@link #CLOCK_PROPERTY} is set. */
    public static Clock clock() {
        return CLOCK;
    }

    /** The shared runtime of this context with these faults (null = none), on {@link #clock()}. */
    public static LocalRuntime shared(Map<String, String> context, String faults) {
        return SHARED.computeIfAbsent(new java.util.TreeMap<>(context) + "|" + faults, key -> {
            LocalRuntime runtime = start(context, o -> o.withFaults(faults), CLOCK);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
            return runtime;
        });
    }

    /** A new runtime of this context on the given clock, options adjusted by {@code options}; close it. */
    public static LocalRuntime start(Map<String, String> context, UnaryOperator<LocalRuntime.Options> options,
                                     Clock clock) {
        LocalRuntime.Options base = LocalRuntime.Options.defaults().withPort(0)
                .withTemplate(Synthesized.of(context).file()).withLogRequests(false);
        return LocalRuntime.start(options.apply(base), quiet(), clock);
    }

    public static LocalRuntime start(Map<String, String> context, Clock clock) {
        return start(context, UnaryOperator.identity(), clock);
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
