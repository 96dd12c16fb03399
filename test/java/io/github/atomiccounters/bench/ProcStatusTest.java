package io.github.atomiccounters.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatusTest {
    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 9000000 kB
            VmHWM:\t  524288 kB
            VmRSS:\t  262144 kB
            Threads:\t42
            """;

    @Test
    void readsTheKeyAskedForNotAPrefixOfAnother() {
        assertThat(ProcStatus.kib(STATUS, "VmRSS")).isEqualTo(262_144);
        assertThat(ProcStatus.kib(STATUS, "VmHWM")).isEqualTo(524_288);
        assertThat(ProcStatus.kib(STATUS, "Threads")).isEqualTo(42);
        assertThat(ProcStatus.kib(STATUS, "VmSwap")).isEqualTo(-1);
    }
}
