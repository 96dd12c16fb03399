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
 * construct deploys exactly those files, also when it is used from a jar. A mapping template ({@code .vtl}) is read
 * composed: its {@code ##@include}/{@code ##@wrap} markers are replaced by the fragments they name
 * ({@link TemplateFragments}), so the construct, its tests, the local runtime (which reads the synthesized template)
 * and {@code render} all see the one deployed text.
 */
public final class TemplateFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Test seam: file -> text read instead of the resource, on this thread ({@link #withText}). */
    private static final ThreadLocal<Map<String, String>> SUBSTITUTES = ThreadLocal.withInitial(HashMap::new);

    private TemplateFiles() {
    }

    /**
     * The deployed text of {@code velocity-templates/<relativePath>}, read as UTF-8: a mapping template with its
     * fragments expanded, any other file as it is.
     *
     * @param relativePath the file below {@code velocity-templates/}, e.g. {@code request/increment.vtl}
     * @return the file's text, composed when it is a {@code .vtl}
     * @throws IllegalStateException when no such resource is on the classpath
     * @throws IllegalArgumentException when a fragment marker cannot be expanded (see {@link TemplateFragments})
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static String read(String relativePath) {
        return relativePath.endsWith(".vtl") ? expand(relativePath).text() : readSource(relativePath);
    }

    /**
     * A mapping template composed from its fragments, with the origin of each line.
     *
     * @param relativePath the template below {@code velocity-templates/}, e.g. {@code request/increment.vtl}
     * @return the composed text and where each of its lines comes from
     * @throws IllegalStateException when the template is not on the classpath
     * @throws IllegalArgumentException when a fragment marker cannot be expanded (see {@link TemplateFragments})
     */
    public static TemplateFragments.Expansion expand(String relativePath) {
        return TemplateFragments.expand(relativePath, readSource(relativePath), TemplateFiles::readOrNull);
    }

    /**
     * The text of {@code velocity-templates/<relativePath>} as written, read as UTF-8 (fragment markers left as
     * they are).
     *
     * @param relativePath the file below {@code velocity-templates/}, e.g. {@code fragments/amount.vtl}
     * @return the file's text
     * @throws IllegalStateException when no such resource is on the classpath
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static String readSource(String relativePath) {
        String text = readOrNull(relativePath);
        if (text == null) {
            throw new IllegalStateException("missing classpath resource velocity-templates/" + relativePath
                    + ": is velocity-templates/ packaged as a resource?");
        }
        return text;
    }

    private static String readOrNull(String relativePath) {
        String substitute = SUBSTITUTES.get().get(relativePath);
        if (substitute != null) {
            return substitute;
        }
        String resource = "velocity-templates/" + relativePath;
        try (InputStream in = TemplateFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
            return JSON.readValue(readSource(relativePath), new TypeReference<Map<String, Object>>() { });
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
