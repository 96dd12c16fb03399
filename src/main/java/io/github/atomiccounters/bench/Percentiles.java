package io.github.atomiccounters.bench;

import java.util.Arrays;

/** Latency percentiles from raw samples (no histogram: the sample counts of a bench step fit in memory). */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The nearest-rank percentile of ascending-sorted samples: the smallest sample such that at least
     * {@code p}% of the samples are less than or equal to it. {@code p = 100} is the maximum.
     *
     * @throws IllegalArgumentException if there are no samples or {@code p} is not in (0, 100]
     */
    public static long ofSorted(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);  // 1-based
        return sorted[Math.max(rank, 1) - 1];
    }

    /** p50, p99 and max of unsorted samples (the array is sorted in place). */
    public static Summary summarize(long[] samples) {
        if (samples.length == 0) {
            return new Summary(0, 0, 0, 0);
        }
        Arrays.sort(samples);
        return new Summary(samples.length, ofSorted(samples, 50), ofSorted(samples, 99), samples[samples.length - 1]);
    }

    /** Counts and latencies in the samples' unit (nanoseconds in the bench). */
    public record Summary(int count, long p50, long p99, long max) {
    }
}
