package io.github.atomiccounters.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Option handling only: nothing here starts a server. */
class BenchCommandTest {

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).execute("--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--concurrency", "--duration", "--warmup", "--json", "--chart",
                "--template", "--[no-]auth", "--shared-counter");
    }

    @Test
    void defaultsAreTheDocumentedSweepWithAuthOff() {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs();
        assertThat(BenchArgs.parseSweep(command.concurrency)).containsExactly(1, 4, 16, 64);
        assertThat(command.duration).isEqualTo("10s");
        assertThat(command.warmup).isEqualTo("3s");
        assertThat(command.auth).isFalse();
        new CommandLine(command).parseArgs("--auth");
        assertThat(command.auth).isTrue();
    }

    @Test
    void aBadSweepFailsBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                .execute("--concurrency", "4,0");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("out of range");
    }
}
