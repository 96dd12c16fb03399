package io.github.atomiccounters.docs;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.TableEraser;
import io.github.atomiccounters.testing.Runtimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local runtimes the docs talk to: one per distinct set of the {@code serve} options that change what is
 * served ({@code -c} context, {@code --no-auth}, {@code --fault}, {@code --template}), started on a free port
 * through {@link Runtimes#start} (so each context is synthesized once per JVM by {@code testing.Synthesized}),
 * kept for the JVM, and emptied when a doc file starts using one.
 *
 * <p>They run on {@link #CLOCK}: the system clock moved forward, before a file that would start in the second half
 * of a minute, to one second past the next minute. A doc's 60 s rate-limit window example then runs inside one
 * window instead of failing, now and then, when a minute turns between its calls; the shift grows by at most a
 * minute per file that takes half a minute, so a client that signs with the system clock ({@code verify}) stays
 * well inside SigV4's 15 minutes.
 */
final class DocRuntimes {
    /** What a {@code serve} command serves; equal specs share a runtime. */
    record Spec(Map<String, String> context, boolean auth, String faults, Path template) {
        Spec {
            context = java.util.Collections.unmodifiableMap(new TreeMap<>(context));
        }

        /** {@code serve} without options: IAM auth, cdk.json's context. */
        static final Spec DEFAULT = new Spec(Map.of(), true, null, null);

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("serve");
            context.forEach((k, v) -> s.append(" -c ").append(k).append('=').append(v));
            if (!auth) {
                s.append(" --no-auth");
            }
            if (faults != null) {
                s.append(" --fault ").append(faults);
            }
            if (template != null) {
                s.append(" --template ").append(template);
            }
            return s.toString();
        }
    }

    /** A clock that ticks with the system clock, plus an offset {@link #alignToMinute()} sets. */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        /**
         * Moves the clock forward, when needed, so that a file starts in the first half of a minute: to one second
         * past the next minute if it reads 30 s or more into one. Never back: the runtimes' token buckets refill
         * only while their clock moves forward (a clock that steps back does not refill them), so a step back, as
         * re-aligning two files of the same minute to the same second did, left the default stage throttle
         * (100/s, burst 200) unrefilled for seconds, long enough for a fast runtime to answer 429 to a doc.
         */
        void alignToMinute() {
            Instant now = instant();
            if (!offset.isZero() && now.atZone(ZoneOffset.UTC).getSecond() < 30) {
                return;
            }
            offset = offset.plus(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)));
        }
    }

    static final ShiftedClock CLOCK = new ShiftedClock();

    private static final Map<Spec, LocalRuntime> RUNTIMES = new ConcurrentHashMap<>();

    private DocRuntimes() {
    }

    /** The runtime of this spec, started on first use (a synthesis error or a missing template throws). */
    static LocalRuntime get(Spec spec) {
        return RUNTIMES.computeIfAbsent(spec, s -> {
            if (s.template() != null && !Files.isRegularFile(s.template())) {
                throw new IllegalStateException("serve --template " + s.template() + ": no such file (the test does "
                        + "not build it; synthesize it first, e.g. the example's own build)");
            }
            LocalRuntime runtime = Runtimes.start(s.context(), o -> {
                LocalRuntime.Options options = o.withAuth(s.auth()).withFaults(s.faults());
                return s.template() == null ? options : options.withTemplate(s.template());
            }, CLOCK);
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
            return runtime;
        });
    }

    /** Deletes every item of every table of the runtime's DynamoDB Local, page by page; returns how many. */
    static int empty(LocalRuntime runtime) {
        return TableEraser.deleteEveryItem(runtime.dynamoDb().client());
    }
}
