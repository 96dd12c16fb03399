package io.github.atomiccounters.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.local.LocalRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local runtimes shared by the end-to-end tests: the project's app is synthesized once per JVM (the slow part)
 * into a template file, and each configuration (faults, auth) gets its own runtime serving that file.
 */
final class LocalApi {
    private static final Map<String, LocalRuntime> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, Path> TEMPLATES = new ConcurrentHashMap<>();

    private LocalApi() {
    }

    /**
     * The default app (IAM auth), served with the given fault spec (null = none). Stage throttling is raised
     * (throttleRate/throttleBurst context) so that the concurrency tests measure DynamoDB, not the 100 req/s
     * default; ApiKeyAndCorsE2ETest checks throttling itself.
     */
    static LocalRuntime withFaults(String faults) {
        return runtime("iam", Map.of("throttleRate", "100000", "throttleBurst", "100000"), faults);
    }

    static LocalRuntime runtime(String name, Map<String, Object> context, String faults) {
        return RUNNING.computeIfAbsent(name + "|" + faults, key -> {
            Path template = TEMPLATES.computeIfAbsent(name, n -> synthesize(n, context));
            LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                    .withTemplate(template).withFaults(faults).withLogRequests(false), quiet());
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
            return runtime;
        });
    }

    private static Path synthesize(String name, Map<String, Object> context) {
        try {
            Map<String, Object> template = CounterApp.synthesizeTemplate(Path.of("cdk.json"), context);
            Path file = Files.createDirectories(Path.of("target", "e2e")).resolve(name + ".template.json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), template);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
