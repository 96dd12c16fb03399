package io.github.atomiccounters.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.cdk.CounterStack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The project's CDK app synthesized in this process (jsii and Node.js, seconds), or the template of an earlier
 * synthesis read back from a file when none of its {@link SynthesisInputs} changed (milliseconds). One entry per
 * input key: {@code <dir>/<key>.json} holds the inputs, the stack's template and the synthesis's messages (cdk-nag
 * findings among them). Entries are written atomically; a lock file per key makes concurrent JVMs (serve, test
 * forks) wait for one synthesis instead of running it twice. The newest {@link #KEEP} entries are kept.
 *
 * <p>The directory is {@code target/synth-cache} of the working directory unless the system property
 * {@value #DIR_PROPERTY} names another; {@code -Datomiccounters.synthesisCache=off} synthesizes every time.
 */
public final class SynthesisCache {
    /** System property: the cache directory, or {@code off}. */
    public static final String DIR_PROPERTY = "atomiccounters.synthesisCache";
    public static final Path DEFAULT_DIR = Path.of("target", "synth-cache");
    static final int KEEP = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /** Whether this process synthesized (and so started jsii's Node.js runtime). */
    private static volatile boolean jsiiStarted;

    /** A message of the synthesis: its level ({@code error}, {@code warning}, {@code info}), construct path, text. */
    public record Message(String level, String id, String data) {
    }

    /** What a synthesis gives: the stack's CloudFormation template and the messages of the stack's artifact. */
    public record Synthesis(Map<String, Object> template, List<Message> messages) {
        /** The error messages ("id: text"), which make {@code cdk synth} fail. */
        public List<String> errors() {
            return messages.stream().filter(m -> m.level().equals("error")).map(m -> m.id() + ": " + m.data())
                    .toList();
        }

        /** The template, or the failure {@code cdk synth} would report when the synthesis has errors. */
        public Map<String, Object> templateOrFail() {
            List<String> errors = errors();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("synthesis reported " + errors.size() + " error(s):\n  "
                        + String.join("\n  ", errors));
            }
            return template;
        }
    }

    /**
     * A synthesis and where it came from: {@code cached} when read from an entry, and why in words (which inputs
     * changed since the newest entry, when it had to synthesize).
     */
    public record Outcome(Synthesis synthesis, boolean cached, String explanation) {
    }

    private final Path dir;

    /** A cache in {@code dir}; null for none (every call synthesizes). */
    public SynthesisCache(Path dir) {
        this.dir = dir;
    }

    /** The cache {@value #DIR_PROPERTY} names, {@link #DEFAULT_DIR} when it is not set, none when it is "off". */
    public static SynthesisCache configured() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property == null || property.isBlank()) {
            return new SynthesisCache(DEFAULT_DIR);
        }
        return new SynthesisCache(property.trim().equalsIgnoreCase("off") ? null : Path.of(property.trim()));
    }

    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    /**
     * The app synthesized with {@code cdkJson}'s context plus {@code extraContext}, as
     * {@link CounterApp#synthesizeTemplate} does, or read from the entry of the same inputs.
     */
    public Outcome synthesize(Path cdkJson, Map<String, ?> extraContext) {
        return synthesize(cdkJson, extraContext, null);
    }

    /**
     * As {@link #synthesize(Path, Map)}, saying on {@code log} (when not null) whether the cache had the synthesis,
     * and if not why, before the slow part starts.
     */
    public Outcome synthesize(Path cdkJson, Map<String, ?> extraContext, PrintStream log) {
        SynthesisInputs inputs = SynthesisInputs.of(cdkJson, extraContext);
        if (dir == null) {
            String why = "synthesis cache off (-D" + DIR_PROPERTY + "=off)";
            say(log, why + ": synthesizing the CDK app in-process...");
            return new Outcome(synthesizeNow(inputs.context()), false, why);
        }
        String key = inputs.key();
        Path entry = dir.resolve(key + ".json");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Optional<Synthesis> hit = read(entry, inputs);
                if (hit.isPresent()) {
                    Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
                    String why = "synthesis cache hit, " + entry + ": construct classes, velocity-templates/, "
                            + "context and CDK libraries unchanged, no synthesis";
                    say(log, why);
                    return new Outcome(hit.get(), true, why);
                }
                String why = whyMissed(inputs);
                say(log, why + ": synthesizing the CDK app in-process (jsii, a few seconds)...");
                Synthesis fresh = synthesizeNow(inputs.context());
                write(entry, inputs, fresh);
                prune();
                return new Outcome(fresh, false, why);
            }
        } catch (IOException e) {
            // an unusable cache directory must not stop a start: synthesize as if there were no cache
            String why = "synthesis cache unusable (" + e + ")";
            say(log, why + ": synthesizing the CDK app in-process...");
            return new Outcome(synthesizeNow(inputs.context()), false, why);
        } finally {
            local.unlock();
        }
    }

    /** One synthesis in this process: the app of {@link CounterApp#addStack}, its stack's artifact. */
    static Synthesis synthesizeNow(Map<String, Object> context) {
        jsiiStarted = true;
        App app = new App(AppProps.builder().context(new LinkedHashMap<>(context)).build());
        CounterStack stack = CounterApp.addStack(app);
        CloudFormationStackArtifact artifact = app.synth().getStackByName(stack.getStackName());
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) artifact.getTemplate();
        List<Message> messages = artifact.getMessages().stream().map(m -> new Message(
                m.getLevel().toString().toLowerCase(Locale.ROOT), m.getId(),
                String.valueOf(m.getEntry().getData()))).toList();
        return new Synthesis(template, messages);
    }

    /**
     * Stops the jsii runtime if a synthesis of this process started it: two Node.js processes that hold ~600 MiB
     * resident (measured) and are of no use once the template is read. A later synthesis would start a new one.
     * Through jsii's package-private {@code JsiiEngine.reset()}; best effort if jsii's internals change.
     *
     * @return whether a runtime was stopped
     */
    public static boolean stopJsiiRuntime() {
        if (!jsiiStarted) {
            return false;
        }
        try {
            java.lang.reflect.Method reset = Class.forName("software.amazon.jsii.JsiiEngine").getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(null);
            jsiiStarted = false;
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The entry's synthesis, if the entry exists, is readable and was written for exactly these inputs. */
    private static Optional<Synthesis> read(Path entry, SynthesisInputs inputs) {
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            Entry e = JSON.readValue(entry.toFile(), Entry.class);
            if (e.inputs() == null || !e.inputs().equals(inputs) || e.template() == null || e.messages() == null) {
                return Optional.empty();
            }
            return Optional.of(new Synthesis(e.template(), e.messages()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();  // a truncated or foreign file: synthesize and overwrite it
        }
    }

    private void write(Path entry, SynthesisInputs inputs, Synthesis synthesis) throws IOException {
        Path temp = Files.createTempFile(dir, "entry-", ".tmp");
        try {
            JSON.writeValue(temp.toFile(), new Entry(inputs, synthesis.template(), synthesis.messages()));
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Why no entry matched: what differs from the newest entry of the same context, else the newest of all. */
    private String whyMissed(SynthesisInputs inputs) {
        List<Entry> entries = entries();
        if (entries.isEmpty()) {
            return "synthesis cache empty (first start, or after mvn clean)";
        }
        Entry closest = entries.stream().filter(e -> e.inputs().context().equals(inputs.context())).findFirst()
                .orElse(entries.get(0));
        List<String> changed = inputs.differencesFrom(closest.inputs());
        return changed.isEmpty() ? "synthesis cache miss"
                : "synthesis cache miss, changed since the last cached synthesis: " + String.join("; ", changed);
    }

    /** The inputs of the entries, newest first. */
    private List<Entry> entries() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(SynthesisCache::modified).reversed())
                    .map(SynthesisCache::readInputs)
                    .flatMap(Optional::stream)
                    .map(inputs -> new Entry(inputs, null, null))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** An entry's inputs, its first field, read without parsing the template that follows. */
    private static Optional<SynthesisInputs> readInputs(Path file) {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME
                    && parser.currentName().equals("inputs") && parser.nextToken() == JsonToken.START_OBJECT) {
                return Optional.ofNullable(JSON.readValue(parser, SynthesisInputs.class));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Deletes all but the newest {@link #KEEP} entries (and their lock files). */
    private void prune() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(SynthesisCache::modified).reversed()).toList();
        }
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            Files.deleteIfExists(old);
            String name = old.getFileName().toString();
            Files.deleteIfExists(old.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".lock"));
        }
    }

    private static void say(PrintStream log, String line) {
        if (log != null) {
            log.println(line);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The file format of an entry. */
    record Entry(SynthesisInputs inputs, Map<String, Object> template, List<Message> messages) {
    }
}
