package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the files under {@code velocity-templates/} from the classpath (the build copies them there), so the
 * construct deploys exactly those files, also when it is used from a jar.
 */
public final class TemplateFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Test seam: file -> text read instead of the resource, on this thread ({@link #withText}). */
    private static final ThreadLocal<Map<String, String>> SUBSTITUTES = ThreadLocal.withInitial(HashMap::new);

    private TemplateFiles() {
    }

    /**
     * The text of {@code velocity-templates/<relativePath>}, read as UTF-8.
     *
     * @param relativePath the file below {@code velocity-templates/}, e.g. {@code request/increment.vtl}
     * @return the file's text
     * @throws IllegalStateException when no such resource is on the classpath
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static String read(String relativePath) {
        String substitute = SUBSTITUTES.get().get(relativePath);
        if (substitute != null) {
            return substitute;
        }
        String resource = "velocity-templates/" + relativePath;
        try (InputStream in = TemplateFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource
                        + ": is velocity-templates/ packaged as a resource?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * A JSON Schema model file, as the map CloudFormation expects for a model's {@code Schema}.
     *
     * @param relativePath the file below {@code velocity-templates/}, e.g. {@code models/increment.json}
     * @return the file's JSON object
     * @throws IllegalStateException when no such resource is on the classpath
     * @throws java.io.UncheckedIOException when it cannot be read or is not a JSON object
     */
    public static Map<String, Object> readSchema(String relativePath) {
        try {
            return JSON.readValue(read(relativePath), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON in velocity-templates/" + relativePath, e);
        }
    }

    /**
     * Runs {@code body} with {@code relativePath} read as {@code text} on this thread, for tests that prove an edited
     * file changes what is deployed (every kind of file this class reads, fragments included).
     */
    static <T> T withText(String relativePath, String text, Supplier<T> body) {
        Map<String, String> substitutes = SUBSTITUTES.get();
        String previous = substitutes.put(relativePath, text);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                substitutes.remove(relativePath);
            } else {
                substitutes.put(relativePath, previous);
            }
        }
    }
}
