package io.github.atomiccounters.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomiccounters.cdk.CounterApp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Everything a synthesis of the project's CDK app depends on, read from the classpath and the environment without
 * starting the jsii runtime: the key of {@link SynthesisCache}.
 *
 * <ul>
 *   <li>{@code code}: a digest of the class files of the construct's package ({@code io.github.atomiccounters.cdk})
 *       and of the renderer's ({@code io.github.atomiccounters.vtl}, with Velocity 1.7's jars, which synthesis uses
 *       to refuse a template 1.7 cannot parse), which import no other package of the project
 *       ({@code SynthesisInputsTest} checks that), and of
 *       {@link SynthesisCache}, which runs the synthesis, read where they are loaded from;</li>
 *   <li>{@code templates}: a digest of every file under {@code velocity-templates/} (VTL files and models), as the
 *       construct reads them: from the classpath;</li>
 *   <li>{@code context}: the context the app gets, cdk.json's {@code context} with the {@code -c} options on top;</li>
 *   <li>{@code libraries}: the versions of the jsii runtime and of every jsii library on the classpath (aws-cdk-lib,
 *       constructs, cdk-nag and aws-cdk-lib's own jsii dependencies), whose JavaScript the synthesis runs;</li>
 *   <li>{@code environment}: the {@code CDK_*} environment variables, which the jsii process inherits (the CDK reads
 *       {@code CDK_CONTEXT_JSON}, {@code CDK_DEFAULT_ACCOUNT}, ...);</li>
 *   <li>{@code format}: the cache's own entry format.</li>
 * </ul>
 */
public record SynthesisInputs(String code, String templates, Map<String, Object> context,
                              Map<String, String> libraries, Map<String, String> environment, int format) {

    /** The entry format; a change of what an entry holds bumps it, so older entries miss. */
    static final int FORMAT = 1;

    /** The construct's package, as a resource path. */
    static final String CODE_PACKAGE = "io/github/atomiccounters/cdk/";
    /** The renderer's package (and Velocity 1.7's jars under it): synthesis checks every template with it. */
    static final String RENDERER_PACKAGE = "io/github/atomiccounters/vtl/";
    static final String TEMPLATES_DIR = "velocity-templates/";

    /**
     * The jsii runtime and the jsii libraries (jars holding a {@code *.jsii.tgz} assembly) of the synthesis, as
     * {@code groupId:artifactId}. {@code SynthesisInputsTest} fails when the classpath holds a jsii library that
     * is not listed here.
     */
    public static final List<String> JSII_ARTIFACTS = List.of(
            "software.amazon.jsii:jsii-runtime",
            "software.amazon.awscdk:aws-cdk-lib",
            "software.amazon.awscdk:cdk-asset-awscli-v1",
            "software.amazon.awscdk:cdk-asset-node-proxy-agent-v6",
            "software.amazon.awscdk:cdk-cloud-assembly-schema",
            "software.constructs:constructs",
            "io.github.cdklabs:cdknag");

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public SynthesisInputs {
        context = sorted(context);
        libraries = Map.copyOf(new TreeMap<>(libraries));
        environment = Map.copyOf(new TreeMap<>(environment));
    }

    /**
     * The inputs of a synthesis of the project's app with {@code cdkJson}'s context plus {@code extraContext}, as
     * {@link CounterApp#synthesizeTemplate} would run it in this process.
     */
    public static SynthesisInputs of(Path cdkJson, Map<String, ?> extraContext) {
        return of(cdkJson, extraContext, CounterApp.class.getClassLoader(), System.getenv());
    }

    /** As above, reading the classpath of {@code loader} and the environment {@code env} (tests vary both). */
    static SynthesisInputs of(Path cdkJson, Map<String, ?> extraContext, ClassLoader loader, Map<String, String> env) {
        Map<String, Object> context = new LinkedHashMap<>(CounterApp.readContext(cdkJson));
        context.putAll(extraContext);
        String runner = SynthesisCache.class.getName().replace('.', '/');
        // the code where it is loaded from (not test classes of the same package elsewhere on a test class path);
        // the templates from wherever the class path has some, as the construct reads the first of them
        Set<Path> codeRoots = new LinkedHashSet<>();
        codeRoots.add(rootOf(loader, CounterApp.class.getName().replace('.', '/') + ".class"));
        codeRoots.add(rootOf(loader, runner + ".class"));
        return new SynthesisInputs(
                digest(codeRoots, List.of(CODE_PACKAGE, RENDERER_PACKAGE, runner)),
                digest(roots(loader, TEMPLATES_DIR), List.of(TEMPLATES_DIR)),
                context, libraries(loader), cdkEnvironment(env), FORMAT);
    }

    /** The cache key: a SHA-256 of all of the above, in a canonical form. */
    public String key() {
        return sha256(canonicalJson(this).getBytes(StandardCharsets.UTF_8));
    }

    /** What differs from {@code other}, in words, e.g. {@code [velocity-templates/, the CDK context (-c shardCount)]}. */
    public List<String> differencesFrom(SynthesisInputs other) {
        List<String> out = new ArrayList<>();
        if (format != other.format) {
            out.add("the cache's entry format");
        }
        if (!code.equals(other.code)) {
            out.add("the construct's classes (" + CODE_PACKAGE + ", " + RENDERER_PACKAGE + ")");
        }
        if (!templates.equals(other.templates)) {
            out.add(TEMPLATES_DIR + " (templates or models)");
        }
        if (!context.equals(other.context)) {
            List<String> keys = new ArrayList<>();
            new TreeMap<>(context).forEach((k, v) -> {
                if (!v.equals(other.context.get(k))) {
                    keys.add(k);
                }
            });
            other.context.keySet().stream().filter(k -> !context.containsKey(k)).sorted().forEach(keys::add);
            out.add("the CDK context (cdk.json and -c: " + String.join(", ", keys) + ")");
        }
        if (!libraries.equals(other.libraries)) {
            List<String> changed = new ArrayList<>();
            new TreeMap<>(libraries).forEach((k, v) -> {
                if (!v.equals(other.libraries.get(k))) {
                    changed.add(k + " " + other.libraries.getOrDefault(k, "none") + " -> " + v);
                }
            });
            out.add("the CDK libraries (" + String.join(", ", changed) + ")");
        }
        if (!environment.equals(other.environment)) {
            out.add("the CDK_* environment variables");
        }
        return out;
    }

    static String canonicalJson(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }

    /** A digest of the names and bytes of every file under the prefixes in these class path roots, in name order. */
    static String digest(Set<Path> roots, List<String> prefixes) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (String prefix : prefixes) {
            for (Path root : roots) {
                if (root != null) {
                    collect(root, prefix, files);
                }
            }
        }
        MessageDigest sha = sha256();
        files.forEach((name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(bytes);
        });
        return files.size() + " files " + HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The classpath roots (directories or jars) that may hold files under the prefix: those where
     * {@code getResources} finds its directory (a directory, or a jar with directory entries), plus the root of the
     * construct's classes (for a jar without directory entries).
     */
    private static Set<Path> roots(ClassLoader loader, String prefix) {
        Set<Path> roots = new LinkedHashSet<>();
        String dir = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        try {
            for (Enumeration<URL> found = loader.getResources(dir); found.hasMoreElements(); ) {
                roots.add(root(found.nextElement(), dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classpath for " + prefix, e);
        }
        roots.add(rootOf(loader, CounterApp.class.getName().replace('.', '/') + ".class"));
        roots.remove(null);
        return roots;
    }

    /** The class path root (jar or directory) a resource is loaded from, or null. */
    private static Path rootOf(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        return url == null ? null : root(url, resource);
    }

    /** The jar file or directory a resource URL points into, {@code resource} being its name there; or null. */
    private static Path root(URL url, String resource) {
        try {
            if (url.getProtocol().equals("jar")) {
                return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            if (url.getProtocol().equals("file")) {
                Path root = Path.of(url.toURI());
                for (String part : resource.split("/")) {
                    if (!part.isEmpty()) {
                        root = root.getParent();
                    }
                }
                return root;
            }
            return null;  // another kind of classpath: nothing to read, the digest shows no files
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /** Adds the files under {@code prefix} of a jar or directory, by their resource names. */
    private static void collect(Path root, String prefix, Map<String, byte[]> files) {
        try {
            if (Files.isDirectory(root)) {
                Path dir = root.resolve(prefix.substring(0, prefix.lastIndexOf('/') + 1));
                if (!Files.isDirectory(dir)) {
                    return;
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String name = root.relativize(file).toString().replace(root.getFileSystem().getSeparator(),
                                "/");
                        if (name.startsWith(prefix)) {
                            files.put(name, Files.readAllBytes(file));
                        }
                    }
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    /**
     * The version of each of {@link #JSII_ARTIFACTS} on the classpath, from its jar's Maven pom.properties; a jar
     * without one counts as "unknown" (a miss whenever that changes).
     */
    static Map<String, String> libraries(ClassLoader loader) {
        Map<String, String> versions = new TreeMap<>();
        for (String artifact : JSII_ARTIFACTS) {
            String[] ga = artifact.split(":");
            String resource = "META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties";
            String version = "absent";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", "unknown");
                }
            } catch (IOException e) {
                version = "unreadable";
            }
            versions.put(artifact, version);
        }
        return versions;
    }

    /** The CDK_* variables of an environment. */
    static Map<String, String> cdkEnvironment(Map<String, String> environment) {
        Map<String, String> cdk = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("CDK_")) {
                cdk.put(k, v);
            }
        });
        return cdk;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(Map<String, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? sorted((Map<String, ?>) m) : v));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
