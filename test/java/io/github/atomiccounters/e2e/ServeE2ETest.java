package io.github.atomiccounters.e2e;

import io.github.atomiccounters.cli.Main;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} as a user runs it: a process of its own that prints its URL, persists with {@code --data-dir}
 * across a restart, frees its port when stopped, and exits non-zero on bad options; and the in-process runtime
 * releasing its ports on close (what lets a test or a restarted {@code serve} take the same port again).
 */
class ServeE2ETest {
    private static final String MAIN = Main.class.getName();

    /** A {@code serve} process, with its output collected line by line. */
    private static final class Serve implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();

        Serve(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", classPath(), MAIN));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "serve-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The base URL it prints on a line of its own once it serves (a generous deadline: a loaded machine). */
        URI baseUrl() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    seen.add(line);
                    if (line.matches("http://[^ ]+/v1")) {
                        return URI.create(line);
                    }
                } else if (!process.isAlive()) {
                    break;
                }
            }
            throw new AssertionError("serve printed no URL; output: " + seen);
        }

        /** Ctrl-C (SIGTERM): the shutdown hook stops the server and DynamoDB Local. */
        int stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve stopped").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ApiClient client(URI base) {
        return new ApiClient(base);
    }

    @Test
    void dataDirSurvivesARestartOfServeOnTheSamePort(@TempDir Path dir) throws Exception {
        String template = Synthesized.of(Synthesized.E2E).file().toString();
        Path data = dir.resolve("data");
        int port;
        try (Serve first = new Serve("serve", "--template", template, "--data-dir", data.toString(), "--port", "0",
                "--no-auth", "--quiet")) {
            URI base = first.baseUrl();
            port = base.getPort();
            ApiClient.Response put = client(base).send("PUT", "/counters/kept", "{\"value\": 41}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(client(base).send("POST", "/counters/kept/increment", "{}").json().get("value").asInt())
                    .isEqualTo(42);
            first.stop();
            assertThat(listening(port)).as("port %d released by the stopped serve", port).isFalse();
        }
        try (Serve second = new Serve("serve", "--template", template, "--data-dir", data.toString(), "--port",
                Integer.toString(port), "--no-auth", "--quiet")) {
            URI base = second.baseUrl();
            assertThat(base.getPort()).isEqualTo(port);
            ApiClient.Response kept = client(base).send("GET", "/counters/kept", null);
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
            assertThat(kept.json().get("value").asInt()).isEqualTo(42);
            second.stop();
        }
    }

    @Test
    void aStoppedRuntimeReleasesItsPortsForTheNextOne() {
        int port;
        int dynamoDbPort;
        try (LocalRuntime first = Runtimes.start(Synthesized.E2E, o -> o.withAuth(false), Runtimes.clock())) {
            port = first.baseUrl().getPort();
            dynamoDbPort = first.dynamoDb().endpoint().getPort();
            assertThat(new ApiClient(first).unsigned().send("POST", "/counters/p/increment", "{}").status())
                    .isEqualTo(200);
        }
        assertThat(listening(port)).as("API port %d after close", port).isFalse();
        assertThat(listening(dynamoDbPort)).as("DynamoDB Local port %d after close", dynamoDbPort).isFalse();
        try (LocalRuntime second = Runtimes.start(Synthesized.E2E, o -> o.withAuth(false).withPort(port),
                Runtimes.clock())) {
            assertThat(second.baseUrl().getPort()).isEqualTo(port);
            // a new in-memory store: nothing of the first runtime's
            assertThat(new ApiClient(second).unsigned().send("GET", "/counters/p", null).status()).isEqualTo(404);
        }
    }

    /** The exit code {@code Main} passes to System.exit: 2 for usage errors, 1 when serving fails. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2|serve --bogus",
            "2|serve --port not-a-number",
            "2|nosuchcommand",
            "1|serve --template target/no-such-template.json --port 0",
            "1|serve --template {template} --port 70000",
            "1|serve --template {template} --port 0 --fault explode:1",
            "0|serve --help"})
    void badOptionsExitNonZeroBeforeServing(int exit, String args) {
        String[] argv = args.replace("{template}", Synthesized.of(Synthesized.E2E).file().toString()).split(" ");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(argv);
        assertThat(code).as(args + "\n" + err).isEqualTo(exit);
        assertThat(exit == 0 ? out.toString() : err.toString()).as(args).isNotBlank();
    }

    /** The same through the real entry point, in a process of its own: the shell sees the code. */
    @Test
    void theProcessExitCodeIsTwoForBadUsageAndOneForAFailedStart() throws Exception {
        try (Serve usage = new Serve("serve", "--bogus")) {
            assertThat(usage.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(usage.process.exitValue()).isEqualTo(2);
        }
        try (Serve failed = new Serve("serve", "--template", "target/no-such-template.json", "--port", "0")) {
            assertThat(failed.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(failed.process.exitValue()).isEqualTo(1);
        }
    }
}
