package io.github.atomiccounters.local.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends every exchange that reached a mapping template to a JSON-lines file: what the request template saw
 * ({@code $input} parts, stage variables, {@code $context} before it ran), what it rendered, what DynamoDB answered and
 * what the client got. The end-to-end suite records with it, and {@code AlternativeSemanticsIT} re-renders every
 * recorded exchange under each alternative reading of API Gateway's undocumented behaviour; {@code serve --record}
 * offers the same file for debugging a template with {@code render}.
 *
 * <p>Runtimes of one JVM that name the same file share one writer; the file is truncated when first opened.
 * Thread-safe.
 */
public final class ExchangeRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, ExchangeRecorder> OPEN = new ConcurrentHashMap<>();

    /** One exchange. {@code integrationRequest} is null when the request template refused the request. */
    public record Exchange(String route, String body, Map<String, String> path, Map<String, String> querystring,
                           Map<String, String> headers, Map<String, String> stageVariables,
                           Map<String, Object> context, String integrationRequest,
                           Map<String, String> integrationRequestHeaders, Integer mappingErrorStatus,
                           Integer integrationStatus, String integrationBody, Integer status,
                           Map<String, String> responseHeaders, String responseBody) {
    }

    private final BufferedWriter out;

    private ExchangeRecorder(BufferedWriter out) {
        this.out = out;
    }

    /** The recorder of {@code file} in this JVM (created, truncated, on first use). */
    public static ExchangeRecorder toFile(Path file) {
        return OPEN.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                if (f.getParent() != null) {
                    Files.createDirectories(f.getParent());
                }
                return new ExchangeRecorder(Files.newBufferedWriter(f, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record exchanges to " + f, e);
            }
        });
    }

    public void record(Exchange exchange) {
        String line;
        try {
            line = JSON.writeValueAsString(exchange);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a file written by a recorder. */
    public static List<Exchange> read(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).map(l -> {
                try {
                    return JSON.readValue(l, Exchange.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("bad exchange line in " + file + ": " + l, e);
                }
            }).toList();
        }
    }

    /** A deep, plain copy of a {@code $context} tree (maps copied, values kept), as it was before a template ran. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> snapshot(Map<String, Object> context) {
        Map<String, Object> copy = new LinkedHashMap<>();
        context.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? snapshot((Map<String, Object>) m) : v));
        return copy;
    }
}
