package io.github.atomiccounters.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentiles.ofSorted(oneToHundred, 50)).isEqualTo(50);
        assertThat(Percentiles.ofSorted(oneToHundred, 99)).isEqualTo(99);
        assertThat(Percentiles.ofSorted(oneToHundred, 100)).isEqualTo(100);
        assertThat(Percentiles.ofSorted(oneToHundred, 0.5)).isEqualTo(1);
    }

    @Test
    void smallSamplesRoundUpNotDown() {
        // with 3 samples the median is the 2nd and p99 is the largest, never an interpolated value
        assertThat(Percentiles.ofSorted(new long[] {10, 20, 30}, 50)).isEqualTo(20);
        assertThat(Percentiles.ofSorted(new long[] {10, 20, 30}, 99)).isEqualTo(30);
        assertThat(Percentiles.ofSorted(new long[] {7}, 99)).isEqualTo(7);
        // 2 samples: the median is the lower one (rank ceil(1.0) = 1)
        assertThat(Percentiles.ofSorted(new long[] {1, 9}, 50)).isEqualTo(1);
    }

    @Test
    void summarizeSortsUnsortedSamples() {
        Percentiles.Summary s = Percentiles.summarize(new long[] {5, 1, 1000, 3, 2, 4, 6, 8, 7, 9});
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.p50()).isEqualTo(5);
        assertThat(s.p99()).isEqualTo(1000);
        assertThat(s.max()).isEqualTo(1000);
        assertThat(Percentiles.summarize(new long[0]).count()).isZero();
    }

    @Test
    void rejectsOutOfRangePercentilesAndNoSamples() {
        assertThatThrownBy(() -> Percentiles.ofSorted(new long[] {1}, 0)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Percentiles.ofSorted(new long[] {1}, 101)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Percentiles.ofSorted(new long[0], 50)).hasMessageContaining("no samples");
    }
}
