package io.github.atomiccounters.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * One step of the sweep: {@code C} closed-loop workers (each sends its next request when the previous one is
 * answered, no think time), a warm-up that is thrown away, then a measured window of fixed length. Every request
 * started inside the window is counted and its latency recorded; throughput is that count over the time from the
 * window's start to the last of those requests' answers.
 */
public final class LoadStep {

    /** One request of a worker; true when the answer is the expected success. */
    @FunctionalInterface
    public interface Call {
        boolean call() throws Exception;
    }

    /** The outcome of one step; latencies in milliseconds. */
    public record Result(String side, int concurrency, long requests, long errors, double seconds,
                         double requestsPerSecond, double p50Ms, double p99Ms, double maxMs,
                         double cpuMicrosPerRequest, String firstError) {
    }

    private LoadStep() {
    }

    /**
     * @param workers makes worker {@code i}'s call (called on the worker's thread before the warm-up starts)
     */
    public static Result run(String side, int concurrency, IntFunction<Call> workers, Duration warmup,
                             Duration duration, PrintStream log) throws InterruptedException {
        log.printf("[bench] %-7s c=%-3d warm-up %s, measuring %s...%n", side, concurrency, human(warmup),
                human(duration));
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long[] errors = new long[concurrency];
        long[] lastAnswer = new long[concurrency];
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];  // start, end (nanoTime), published by the latch
        Thread[] threads = new Thread[concurrency];
        for (int w = 0; w < concurrency; w++) {
            int id = w;
            threads[w] = new Thread(() -> {
                Call call = workers.apply(id);
                long[] lat = new long[1024];
                int n = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = window[0];
                long end = window[1];
                long last = start;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    boolean ok;
                    String failure = null;
                    try {
                        ok = call.call();
                        if (!ok) {
                            failure = "unexpected answer";
                        }
                    } catch (Exception e) {
                        ok = false;
                        failure = e.toString();
                    }
                    long t1 = System.nanoTime();
                    if (t0 < start) {
                        continue;  // warm-up
                    }
                    if (!ok) {
                        errors[id]++;
                        firstError.compareAndSet(null, failure);
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = t1 - t0;
                    last = t1;
                }
                latencies[id] = lat;
                counts[id] = n;
                lastAnswer[id] = last;
            }, "bench-" + side + "-" + w);
            threads[w].setDaemon(true);
            threads[w].start();
        }
        ready.await();
        long now = System.nanoTime();
        window[0] = now + warmup.toNanos();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        // CPU of the whole process (load generator and servers alike) over the measured window, per request
        long sleepMs = (window[0] - System.nanoTime()) / 1_000_000;
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        long cpuStart = processCpuNanos();
        for (Thread t : threads) {
            t.join();
        }
        long cpuEnd = processCpuNanos();
        int total = 0;
        long errorCount = 0;
        long lastEnd = window[0];
        for (int w = 0; w < concurrency; w++) {
            total += counts[w];
            errorCount += errors[w];
            lastEnd = Math.max(lastEnd, lastAnswer[w]);
        }
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Percentiles.Summary s = Percentiles.summarize(all);
        double seconds = Math.max(1e-9, (lastEnd - window[0]) / 1e9);
        Result result = new Result(side, concurrency, total, errorCount, seconds, total / seconds,
                s.p50() / 1e6, s.p99() / 1e6, s.max() / 1e6,
                cpuStart < 0 || total == 0 ? -1 : (cpuEnd - cpuStart) / 1e3 / total, firstError.get());
        log.printf("[bench] %-7s c=%-3d %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  cpu %4.0f us/req  %d requests, %d errors%s%n",
                side, concurrency, result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.maxMs(),
                result.cpuMicrosPerRequest(), total,
                errorCount, firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
        return result;
    }

    /** CPU time of this process so far (all threads), or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
