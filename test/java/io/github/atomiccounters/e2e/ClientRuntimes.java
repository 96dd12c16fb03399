package io.github.atomiccounters.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.local.LocalRuntime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Local runtimes the client and verify tests start and close themselves, because they need what
 * {@link LocalApi} does not offer: a clock the test moves, or auth turned off as {@code serve --no-auth} does.
 */
final class ClientRuntimes {
    /** The usage plan of {@link #limitedApiKeyTemplate()}: 1 request/s, burst 2, 3 requests a day. */
    static final Map<String, Object> LIMITED_API_KEY = Map.of("auth", "api-key", "apiKeyRate", "1",
            "apiKeyBurst", "2", "apiKeyQuotaPerDay", "3", "throttleRate", "1000", "throttleBurst", "1000");

    private static Path limitedApiKey;

    private ClientRuntimes() {
    }

    /**
     * The app synthesized with {@code auth=api-key} and a usage plan so small that a few calls reach its
     * throttling and its quota; the stage itself allows 1000/s. Synthesized once per JVM.
     */
    static synchronized Path limitedApiKeyTemplate() {
        if (limitedApiKey == null) {
            try {
                Map<String, Object> template = CounterApp.synthesizeTemplate(Path.of("cdk.json"), LIMITED_API_KEY);
                Path file = Files.createDirectories(Path.of("target", "e2e")).resolve("client-api-key.template.json");
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), template);
                limitedApiKey = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return limitedApiKey;
    }

    /** A runtime of this template on a free port; the caller closes it. */
    static LocalRuntime start(Path template, boolean auth, Clock clock) {
        return LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withTemplate(template).withAuth(auth)
                .withLogRequests(false), new PrintStream(OutputStream.nullOutputStream()), clock);
    }
}
