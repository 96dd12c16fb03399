package io.github.atomiccounters.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesis cache's key: every input that changes a synthesis changes it (a wrong hit would serve a stale
 * API), and a rebuild of the same inputs does not. Each input is changed in a copy of the compiled classes, read
 * through a class loader of its own, so the project's build stays untouched.
 */
class SynthesisInputsTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path CDK_JSON = Path.of("cdk.json");

    @TempDir
    Path temp;
    private Path classes;
    private SynthesisInputs base;

    @BeforeEach
    void copyTheCompiledClasses() throws IOException {
        classes = temp.resolve("classes");
        copyTree(CLASSES, classes);
        base = inputs(Map.of(), CDK_JSON, Map.of());
    }

    private SynthesisInputs inputs(Map<String, ?> context, Path cdkJson, Map<String, String> env, Path... before) {
        List<URL> urls = new ArrayList<>();
        try {
            for (Path p : before) {
                urls.add(p.toUri().toURL());
            }
            urls.add(classes.toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return SynthesisInputs.of(cdkJson, context, loader, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSameInputsGiveTheSameKeyAndTheKeyReadsTheConstructAndTheTemplates() {
        SynthesisInputs again = inputs(Map.of(), CDK_JSON, Map.of());
        assertThat(again.key()).isEqualTo(base.key());
        assertThat(again.differencesFrom(base)).isEmpty();
        assertThat(base.code()).as("class files of the construct's package and of SynthesisCache")
                .matches("(\\d+) files [0-9a-f]{64}").doesNotStartWith("0 ");
        assertThat(base.templates()).as("files under velocity-templates/").doesNotStartWith("0 ");
        assertThat(base.context()).as("cdk.json's context").containsKey("@aws-cdk/core:enablePartitionLiterals");
        // and the project's own class path: its CDK libraries are all found with a version
        SynthesisInputs project = SynthesisInputs.of(CDK_JSON, Map.of());
        assertThat(project.libraries()).containsOnlyKeys(SynthesisInputs.JSII_ARTIFACTS)
                .allSatisfy((artifact, version) -> assertThat(version).as(artifact).matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    @Test
    void aChangedRequestTemplateMisses() throws IOException {
        Path vtl = firstFile(classes.resolve("velocity-templates/request"), ".vtl");
        Files.writeString(vtl, Files.readString(vtl) + "\n## changed\n");
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "velocity-templates/");
    }

    @Test
    void aChangedModelMisses() throws IOException {
        Path model = firstFile(classes.resolve("velocity-templates/models"), ".json");
        Files.writeString(model, Files.readString(model).replaceFirst("\\{", "{\"description\": \"changed\", "));
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "velocity-templates/");
    }

    @Test
    void aNewTemplateFileMisses() throws IOException {
        Files.writeString(classes.resolve("velocity-templates/response/added.vtl"), "{}");
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "velocity-templates/");
    }

    @Test
    void aChangedClassOfTheConstructMisses() throws IOException {
        Path cls = classes.resolve("io/github/atomiccounters/cdk/AtomicCounterApi.class");
        byte[] bytes = Files.readAllBytes(cls);
        bytes[bytes.length - 1] ^= 1;
        Files.write(cls, bytes);
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "construct's classes");
    }

    @Test
    void aChangedClassOfTheRendererOrAVelocityJarMisses() throws IOException {
        grow(classes.resolve("io/github/atomiccounters/vtl/VtlSemantics.class"));
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "construct's classes");
        grow(firstFile(classes.resolve("io/github/atomiccounters/vtl/velocity17/lib"), ".jar"));
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "construct's classes");
    }

    @Test
    void aChangedSynthesisRunnerMisses() throws IOException {
        grow(classes.resolve("io/github/atomiccounters/local/SynthesisCache.class"));
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of()), "construct's classes");
    }

    @Test
    void aChangedContextValueOrOptionMisses() {
        assertMisses(inputs(Map.of("shardCount", "3"), CDK_JSON, Map.of()), "CDK context (cdk.json and -c: shardCount)");
        SynthesisInputs three = inputs(Map.of("shardCount", "3"), CDK_JSON, Map.of());
        assertThat(inputs(Map.of("shardCount", "4"), CDK_JSON, Map.of()).key()).isNotEqualTo(three.key());
        // a number is not its string: the CDK may read them differently
        assertThat(inputs(Map.of("shardCount", 3), CDK_JSON, Map.of()).key()).isNotEqualTo(three.key());
    }

    @Test
    void aChangedCdkJsonMisses() throws IOException {
        Path changed = temp.resolve("cdk.json");
        Files.writeString(changed, Files.readString(CDK_JSON).replace(
                "\"@aws-cdk/core:enablePartitionLiterals\": true", "\"@aws-cdk/core:enablePartitionLiterals\": false"));
        assertThat(Files.readString(changed)).isNotEqualTo(Files.readString(CDK_JSON));
        assertMisses(inputs(Map.of(), changed, Map.of()), "@aws-cdk/core:enablePartitionLiterals");
    }

    @Test
    void anotherCdkLibraryVersionMisses() throws IOException {
        Path other = temp.resolve("other-lib");
        Path pom = other.resolve("META-INF/maven/software.amazon.awscdk/aws-cdk-lib/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "groupId=software.amazon.awscdk\nartifactId=aws-cdk-lib\nversion=2.999.0\n");
        SynthesisInputs changed = inputs(Map.of(), CDK_JSON, Map.of(), other);
        assertMisses(changed, "software.amazon.awscdk:aws-cdk-lib absent -> 2.999.0");
    }

    @Test
    void aCdkEnvironmentVariableMisses() {
        assertMisses(inputs(Map.of(), CDK_JSON, Map.of("CDK_CONTEXT_JSON", "{\"shardCount\":\"3\"}")),
                "CDK_* environment");
        assertThat(inputs(Map.of(), CDK_JSON, Map.of("HOME", "/elsewhere")).key()).as("other variables")
                .isEqualTo(base.key());
    }

    /** What the synthesis does not read does not miss: the runtime's own classes change all the time. */
    @Test
    void aChangedClassOutsideTheSynthesisHits() throws IOException {
        grow(classes.resolve("io/github/atomiccounters/local/pipeline/Router.class"));
        assertThat(inputs(Map.of(), CDK_JSON, Map.of()).key()).isEqualTo(base.key());
    }

    /**
     * The key covers exactly the construct's and the renderer's packages because they use no other package of the
     * project: an import of one (whose classes would then change synthesis without changing the key) fails here.
     */
    @Test
    void theConstructAndTheRendererImportNoOtherPackageOfTheProject() throws IOException {
        List<String> outside = new ArrayList<>();
        for (String dir : List.of("cdk", "vtl")) {
            try (Stream<Path> sources = Files.walk(Path.of("src/main/java/io/github/atomiccounters", dir))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    outside.addAll(importsOutsideTheKey(Files.readString(source), source.getFileName().toString()));
                }
            }
        }
        assertThat(outside).isEmpty();
        // the check itself: an import of another package is found
        assertThat(importsOutsideTheKey("import io.github.atomiccounters.local.pipeline.Router;\n"
                + "import io.github.atomiccounters.vtl.VtlSemantics;\n", "X.java"))
                .containsExactly("X.java: io.github.atomiccounters.local.pipeline.Router");
    }

    private static List<String> importsOutsideTheKey(String source, String file) {
        Pattern imports = Pattern.compile("(?m)^import (?:static )?(io\\.github\\.atomiccounters\\.[\\w.]+);");
        List<String> outside = new ArrayList<>();
        Matcher m = imports.matcher(source);
        while (m.find()) {
            if (!m.group(1).startsWith("io.github.atomiccounters.cdk.")
                    && !m.group(1).startsWith("io.github.atomiccounters.vtl.")) {
                outside.add(file + ": " + m.group(1));
            }
        }
        return outside;
    }

    /** Every jar of the class path with a jsii assembly (JavaScript the synthesis runs) is part of the key. */
    @Test
    void everyJsiiLibraryOnTheClassPathIsInTheKey() throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Set<String> jsii = new TreeSet<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                boolean assembly = jar.stream().anyMatch(e -> e.getName().endsWith(".jsii.tgz"));
                boolean runtime = jar.getEntry("software/amazon/jsii/JsiiRuntime.class") != null;
                if (assembly || runtime) {
                    jsii.add(coordinates(jar));
                }
            }
        }
        assertThat(jsii).as("jars with a jsii assembly or the jsii runtime").hasSizeGreaterThanOrEqualTo(4)
                .containsExactlyInAnyOrderElementsOf(SynthesisInputs.JSII_ARTIFACTS);
    }

    private static String coordinates(JarFile jar) throws IOException {
        for (JarEntry e : jar.stream().toList()) {
            if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                Properties p = new Properties();
                try (InputStream in = jar.getInputStream(e)) {
                    p.load(in);
                }
                return p.getProperty("groupId") + ":" + p.getProperty("artifactId");
            }
        }
        return jar.getName();
    }

    private void assertMisses(SynthesisInputs changed, String named) {
        assertThat(changed.key()).as("key after the change").isNotEqualTo(base.key());
        assertThat(String.join("; ", changed.differencesFrom(base))).as("what the miss names").contains(named);
    }

    /** A changed file of the same name: one byte appended. */
    private static void grow(Path file) throws IOException {
        Files.write(file, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    }

    private static Path firstFile(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().findFirst().orElseThrow();
        }
    }

    /** Copies what the key reads (and one class it does not), not all of target/classes. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                String name = from.relativize(p).toString().replace('\\', '/');
                boolean read = name.startsWith("io/github/atomiccounters/cdk") || name.startsWith("velocity-templates")
                        || name.startsWith("io/github/atomiccounters/vtl")
                        || name.startsWith("io/github/atomiccounters/local/SynthesisCache")
                        || name.equals("io/github/atomiccounters/local/pipeline/Router.class");
                if (!Files.isDirectory(p) && !read) {
                    continue;
                }
                Path target = to.resolve(name);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
