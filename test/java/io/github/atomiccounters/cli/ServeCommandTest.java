package io.github.atomiccounters.cli;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.vtl.VtlEngineKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve --engine}: parsed, and the runtime renders with the engine asked for. */
class ServeCommandTest {

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void theEngineIsVelocity17UnlessAskedOtherwise() {
        assertThat(parse().engine).isEqualTo(VtlEngineKind.VELOCITY_1_7).isEqualTo(VtlEngineKind.DEFAULT);
        assertThat(parse("--engine", "velocity-2.4").engine).isEqualTo(VtlEngineKind.VELOCITY_2_4);
        assertThatThrownBy(() -> parse("--engine", "2.4")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("velocity-1.7, velocity-2.4");
    }

    @Test
    void theRuntimeRendersWithTheEngineOfItsOptions() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LocalRuntime.Options options = LocalRuntime.Options.defaults().withPort(0).withAuth(false)
                .withLogRequests(false).withTemplate(Synthesized.of(Synthesized.E2E).file())
                .withEngine(VtlEngineKind.VELOCITY_2_4);
        try (LocalRuntime runtime = LocalRuntime.start(options, new PrintStream(log, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(runtime.baseUrl() + "/counters/serve-engine-test")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("\"NotFound\"");
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("mapping templates rendered by velocity-2.4");
    }
}
