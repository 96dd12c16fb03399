package io.github.atomiccounters.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SynthBenchTest {
    @Test
    void medianOfOddAndEvenCountsLeavesTheInputAlone() {
        double[] runs = {15.4, 8.8, 9.6};
        assertThat(SynthBench.median(runs)).isEqualTo(9.6);
        assertThat(runs).containsExactly(15.4, 8.8, 9.6);
        assertThat(SynthBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(SynthBench.median(new double[] {7})).isEqualTo(7);
    }
}
