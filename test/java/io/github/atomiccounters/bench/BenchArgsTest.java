package io.github.atomiccounters.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest {

    @Test
    void sweepKeepsTheGivenOrderAndTrimsSpaces() {
        assertThat(BenchArgs.parseSweep("1,4,16,64")).containsExactly(1, 4, 16, 64);
        assertThat(BenchArgs.parseSweep(" 8, 2 ")).containsExactly(8, 2);
        assertThat(BenchArgs.parseSweep("1")).isEqualTo(List.of(1));
    }

    @Test
    void sweepRejectsBadValues() {
        assertThatThrownBy(() -> BenchArgs.parseSweep("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BenchArgs.parseSweep("1,,4")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> BenchArgs.parseSweep("1,x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> BenchArgs.parseSweep("0,4")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BenchArgs.parseSweep("4,4")).hasMessageContaining("twice");
    }

    @Test
    void durationsTakeMsSecondsAndMinutes() {
        assertThat(BenchArgs.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(BenchArgs.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchArgs.parseDuration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(BenchArgs.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(BenchArgs.parseDuration("0s")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> BenchArgs.parseDuration("10 sec")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> BenchArgs.parseDuration("-1s")).hasMessageContaining("not a duration");
    }
}
