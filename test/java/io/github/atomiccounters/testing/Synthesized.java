package io.github.atomiccounters.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.local.SynthesisCache;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's CDK app synthesized once per context per test JVM (as {@code cdk synth -c k=v} would: cdk.json's
 * context plus the given options, cdk-nag's AwsSolutions checks included), shared by every test that needs that
 * synthesis: CDK assertions, the cdk-nag findings, and the templates the local runtimes serve.
 *
 * <p>A synthesis costs about a second once the jsii runtime is warm (the first one, 5-20 s, starts it), so the
 * suite synthesizes each context below exactly once; a test that needs another context adds it here, or passes
 * its own map to {@link #of}. Syntheses go through {@code serve}'s {@link SynthesisCache}: another JVM of the
 * build (a second test fork, failsafe's, a {@code serve} process a test starts) or the next build reads a context's
 * synthesis from {@code target/synth-cache} as long as nothing it depends on changed (its key: the construct's
 * classes, velocity-templates/, the context, the CDK libraries).
 */
public final class Synthesized {

    /** cdk.json's context only: the default deployment (IAM auth, stage throttling 100/s burst 200). */
    public static final Map<String, String> DEFAULT = Map.of();

    /**
     * The default app with stage throttling raised, so that end-to-end tests measure DynamoDB and the templates,
     * not the 100 requests/s default (which {@code StageThrottleE2ETest} checks on {@link #DEFAULT}).
     */
    public static final Map<String, String> E2E = Map.of("throttleRate", "100000", "throttleBurst", "100000");

    /** The origin of the single-origin CORS contexts. */
    public static final String ORIGIN = "https://app.example.com";

    /** API keys under a small usage plan (rate 5/s, burst 7, 10 a day) and one CORS origin. */
    public static final Map<String, String> API_KEY = Map.of("auth", "api-key", "apiKeyRate", "5",
            "apiKeyBurst", "7", "apiKeyQuotaPerDay", "10", "corsOrigins", ORIGIN);

    public static final String USER_POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example";

    /** Cognito user pool authorizer. */
    public static final Map<String, String> COGNITO = Map.of("auth", "cognito", "cognitoUserPoolArn", USER_POOL_ARN);

    /** One CORS origin, on an existing table with keys of its own (the seed blog's table); IAM auth. */
    public static final Map<String, String> CORS_EXISTING_TABLE = Map.of("corsOrigins", ORIGIN,
            "existingTableName", "donation-data", "partitionKey", "context", "sortKey", "id", "sortKeyValue", "id");

    /** No auth, CORS for any origin ({@code *}). */
    public static final Map<String, String> OPEN = Map.of("auth", "none", "corsOrigins", "*");

    /** An existing table without a sort key (the seed blog's kind of table). */
    public static final Map<String, String> NO_SORT_KEY = Map.of("existingTableName", "legacy-counters",
            "partitionKey", "id", "sortKey", "", "throttleRate", "100000", "throttleBurst", "100000");

    /** Sharded counters over 3 shards instead of the default 10. */
    public static final Map<String, String> THREE_SHARDS = Map.of("shardCount", "3",
            "throttleRate", "100000", "throttleBurst", "100000");

    private static final Map<Map<String, String>, Synthesized> CACHE = new ConcurrentHashMap<>();
    private static final AtomicInteger SYNTHESES = new AtomicInteger();

    /** A message of the synthesis (cdk-nag findings, construct warnings): level, construct path, text. */
    public record Message(String level, String id, String data) {
    }

    private final Map<String, String> context;
    private final Map<String, Object> template;
    private final List<Message> messages;
    private final List<String> errors;
    private final List<String> nagFindings;
    private Path file;

    private Synthesized(Map<String, String> context, Map<String, Object> template, List<Message> messages,
                        List<String> nagFindings) {
        this.context = context;
        this.template = template;
        this.messages = messages;
        this.errors = messages.stream().filter(m -> m.level().equals("error")).map(m -> m.id() + ": " + m.data())
                .toList();
        this.nagFindings = nagFindings;
    }

    /** The app synthesized with these context options (on top of cdk.json's), at most once per JVM. */
    public static Synthesized of(Map<String, ?> options) {
        Map<String, String> key = new TreeMap<>();
        options.forEach((k, v) -> key.put(k, String.valueOf(v)));
        return CACHE.computeIfAbsent(key, Synthesized::synthesize);
    }

    /** How many syntheses this JVM ran through this class (one per distinct context). */
    public static int count() {
        return SYNTHESES.get();
    }

    private static Synthesized synthesize(Map<String, String> options) {
        long started = System.nanoTime();
        SynthesisCache.Outcome outcome = SynthesisCache.configured().synthesize(Path.of("cdk.json"), options);
        List<Message> messages = outcome.synthesis().messages().stream()
                .map(m -> new Message(m.level(), m.id(), m.data())).toList();
        int n = SYNTHESES.incrementAndGet();
        System.out.printf("[synth] #%d %s in %.1fs (%s)%n", n, options, (System.nanoTime() - started) / 1e9,
                outcome.cached() ? "cached" : "synthesized");
        return new Synthesized(Map.copyOf(options), outcome.synthesis().template(), messages,
                nagFindings(messages));
    }

    /** The AwsSolutions findings among a synthesis's messages (errors and warnings), as below. */
    private static List<String> nagFindings(List<Message> messages) {
        return messages.stream()
                .filter(m -> m.level().equals("error") || m.level().equals("warning"))
                .filter(m -> m.data().contains("AwsSolutions-"))
                .map(m -> m.id() + " " + m.data()).toList();
    }

    /**
     * cdk-nag's AwsSolutions findings that nobody acknowledged (errors and warnings), read from a synthesized
     * stack's messages: what {@code Annotations.fromStack(stack)} finds, without synthesizing again.
     */
    public static List<String> nagFindings(CloudFormationStackArtifact artifact) {
        return artifact.getMessages().stream()
                .filter(m -> m.getLevel().toString().equalsIgnoreCase("error")
                        || m.getLevel().toString().equalsIgnoreCase("warning"))
                .filter(m -> String.valueOf(m.getEntry().getData()).contains("AwsSolutions-"))
                .map(m -> m.getId() + " " + m.getEntry().getData()).toList();
    }

    public Map<String, String> context() {
        return context;
    }

    /** The stack's CloudFormation template (do not modify: it is shared). */
    public Map<String, Object> template() {
        return template;
    }

    public List<String> nagFindings() {
        return nagFindings;
    }

    /** The synthesis's warnings whose text matches {@code regex} (what Annotations#findWarning finds). */
    public List<Message> warnings(String regex) {
        return messages.stream().filter(m -> m.level().equals("warning") && m.data().matches("(?s)" + regex))
                .toList();
    }

    /**
     * The template in a file under target/synth ({@link #path}), as {@code serve --template} reads it. Fails, as
     * {@code CounterApp.synthesizeTemplate} and so {@code serve} would, when the synthesis reported errors.
     */
    public synchronized Path file() {
        if (!errors.isEmpty()) {
            throw new IllegalStateException("synthesis of " + context + " reported errors: " + errors);
        }
        if (file == null) {
            try {
                Path target = path(context);
                Files.createDirectories(target.getParent());
                // written aside, then moved in one step: test forks write the same file while others read it
                Path temp = Files.createTempFile(target.getParent(), "synth-", ".tmp");
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), template);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                file = target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /**
     * Where {@link #file()} writes the template of a context, named after it (e.g.
     * {@code target/synth/throttleBurst=100000,throttleRate=100000.template.json}); another JVM of the build
     * (failsafe's) finds the template the end-to-end tests served there without synthesizing again.
     */
    public static Path path(Map<String, ?> options) {
        StringBuilder name = new StringBuilder();
        new TreeMap<>(options).forEach((k, v) -> name.append(name.length() == 0 ? "" : ",").append(k).append('=')
                .append(v));
        String safe = name.length() == 0 ? "default" : name.toString().replaceAll("[^A-Za-z0-9=,._-]", "_");
        if (safe.length() > 200) {
            // file names are at most 255 bytes: a long context keeps its start and a hash of the whole
            safe = safe.substring(0, 180) + "-" + Integer.toHexString(safe.hashCode());
        }
        return Path.of("target", "synth", safe + ".template.json");
    }
}
