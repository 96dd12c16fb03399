package io.github.atomiccounters.local;

import io.github.atomiccounters.cli.Main;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The synthesis cache as {@code serve} and the tests use it: a hit gives exactly what the synthesis gave and says
 * so, an unusable entry is synthesized again, a miss says which input changed, and a warm {@code serve} start runs
 * no jsii (no Node.js process at all).
 */
class SynthesisCacheTest {
    private static final Path CDK_JSON = Path.of("cdk.json");

    @TempDir
    Path dir;

    @Test
    void aHitGivesExactlyWhatTheSynthesisGaveAndSaysSo() throws IOException {
        SynthesisCache cache = new SynthesisCache(dir);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SynthesisCache.Outcome first = cache.synthesize(CDK_JSON, Map.of(), new PrintStream(log, true));
        assertThat(first.cached()).isFalse();
        assertThat(log.toString()).startsWith("synthesis cache empty").contains("synthesizing the CDK app");
        assertThat(first.synthesis().template()).containsKey("Resources");

        log.reset();
        SynthesisCache.Outcome second = cache.synthesize(CDK_JSON, Map.of(), new PrintStream(log, true));
        assertThat(second.cached()).isTrue();
        assertThat(log.toString()).startsWith("synthesis cache hit").contains(dir.toString());
        assertThat(second.synthesis().template()).isEqualTo(first.synthesis().template());
        assertThat(second.synthesis().messages()).isEqualTo(first.synthesis().messages());
        assertThat(entries()).hasSize(1);

    }

    /**
     * An entry that cannot be read (a truncated file, a copy from other inputs) is a miss, never served in part.
     * The context is invalid, so the synthesis that follows the miss fails at once: only the decision is tested.
     */
    @Test
    void anUnreadableOrForeignEntryIsAMiss() throws IOException {
        Map<String, String> invalid = Map.of("auth", "no-such-mode");
        SynthesisInputs inputs = SynthesisInputs.of(CDK_JSON, invalid);
        Path entry = dir.resolve(inputs.key() + ".json");
        Files.createDirectories(dir);
        String whole = "{\"inputs\":" + SynthesisInputs.canonicalJson(inputs) + ",\"template\":{\"Resources\":{}},"
                + "\"messages\":[]}";
        SynthesisCache cache = new SynthesisCache(dir);
        Files.writeString(entry, whole);
        assertThat(cache.synthesize(CDK_JSON, invalid).cached()).as("the whole entry").isTrue();

        Files.writeString(entry, whole.substring(0, whole.length() - 20));
        assertMisses(cache, invalid);
        // the same file name with the inputs of another context: not these inputs, so not this synthesis
        Files.writeString(entry, "{\"inputs\":" + SynthesisInputs.canonicalJson(SynthesisInputs.of(CDK_JSON, Map.of()))
                + ",\"template\":{\"Resources\":{}},\"messages\":[]}");
        assertMisses(cache, invalid);
    }

    private static void assertMisses(SynthesisCache cache, Map<String, String> invalidContext) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> cache.synthesize(CDK_JSON, invalidContext, new PrintStream(log, true)))
                .isInstanceOf(RuntimeException.class);
        assertThat(log.toString()).startsWith("synthesis cache miss").contains("synthesizing the CDK app");
    }

    /** The line a miss prints names what changed since the newest entry, before the synthesis starts (or fails). */
    @Test
    void aMissSaysWhichInputChanged() throws IOException {
        SynthesisCache cache = new SynthesisCache(dir);
        Path entry = dir.resolve(SynthesisInputs.of(CDK_JSON, Map.of()).key() + ".json");
        Files.createDirectories(dir);
        // an entry as a synthesis of cdk.json's context would leave it (its template is not read here)
        Files.writeString(entry, "{\"inputs\":" + SynthesisInputs.canonicalJson(SynthesisInputs.of(CDK_JSON, Map.of()))
                + ",\"template\":{},\"messages\":[]}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // an invalid option fails the construct at once: only the line before the synthesis matters here
        assertThatThrownBy(() -> cache.synthesize(CDK_JSON, Map.of("auth", "no-such-mode"),
                new PrintStream(log, true))).isInstanceOf(RuntimeException.class);
        assertThat(log.toString()).startsWith("synthesis cache miss, changed since the last cached synthesis: "
                + "the CDK context (cdk.json and -c: auth)");
    }

    @Test
    void offSynthesizesEveryTimeAndSaysWhy() {
        SynthesisCache off = new SynthesisCache(null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThatThrownBy(() -> off.synthesize(CDK_JSON, Map.of("auth", "no-such-mode"), new PrintStream(log, true)))
                .isInstanceOf(RuntimeException.class);
        assertThat(log.toString()).startsWith("synthesis cache off (-Datomiccounters.synthesisCache=off)");
        assertThat(off.dir()).isEmpty();
    }

    /**
     * The key is computed without jsii: {@code serve} on a context the suite synthesized (so its entry is in the
     * project's cache) says it used the cache, and starts no process at all (jsii's runtime is a Node.js process).
     */
    @Test
    void aWarmServeSaysItUsedTheCacheAndStartsNoNodeProcess() throws Exception {
        Synthesized.of(Synthesized.E2E).template();  // the entry, if this JVM did not write it already
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", classPath(), Main.class.getName(), "serve", "--port", "0",
                "--no-auth", "--quiet"));
        Synthesized.E2E.forEach((k, v) -> command.addAll(List.of("-c", k + "=" + v)));
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.matches("http://[^ ]+/v1")) {
                    break;
                }
            }
            assertThat(seen).as("serve's output").anyMatch(l -> l.matches("http://[^ ]+/v1"))
                    .anyMatch(l -> l.startsWith("synthesis cache hit, ") && l.contains("no synthesis"));
            assertThat(serve.descendants().map(p -> p.info().command().orElse("?")).toList())
                    .as("processes serve started").isEmpty();
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
