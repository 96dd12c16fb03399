package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDK app: one {@link CounterStack}, checked by cdk-nag's AwsSolutions pack. {@code cdk.json} runs
 * {@link #main}; the local runtime synthesizes the same app in-process with {@link #synthesizeTemplate}.
 */
public final class CounterApp {
    public static final String DEFAULT_STACK_NAME = "AtomicCounters";

    private CounterApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        synthesize(app, addStack(app));
    }

    /**
     * Synthesizes the app and returns the stack's artifact, as {@code cdk synth} does.
     *
     * @throws IllegalStateException when synthesis reports errors (e.g. an unacknowledged cdk-nag finding)
     */
    public static CloudFormationStackArtifact synthesize(App app, Stack stack) {
        CloudAssembly assembly = app.synth();
        CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
        failOnErrors(artifact);
        return artifact;
    }

    /** Adds the stack and the cdk-nag checks to an app. */
    public static CounterStack addStack(App app) {
        Object name = app.getNode().tryGetContext("stackName");
        CounterStack stack = new CounterStack(app, name == null ? DEFAULT_STACK_NAME : name.toString(),
                StackProps.builder()
                        .description("Atomic counters over HTTP: API Gateway -> DynamoDB, no Lambda")
                        .build());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /**
     * Synthesizes the app in this process, with the context of {@code cdkJson} (when it exists) plus
     * {@code extraContext}, as {@code cdk synth} would, and returns the stack's CloudFormation template.
     *
     * @throws IllegalStateException when synthesis reports errors (e.g. an unacknowledged cdk-nag finding)
     */
    public static Map<String, Object> synthesizeTemplate(Path cdkJson, Map<String, ?> extraContext) {
        Map<String, Object> context = new LinkedHashMap<>(readContext(cdkJson));
        context.putAll(extraContext);
        App app = new App(AppProps.builder().context(context).build());
        CloudFormationStackArtifact artifact = synthesize(app, addStack(app));
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) artifact.getTemplate();
        return template;
    }

    /** The {@code context} object of a {@code cdk.json} file (feature flags and options), or empty. */
    public static Map<String, Object> readContext(Path cdkJson) {
        if (cdkJson == null || !Files.isRegularFile(cdkJson)) {
            return Map.of();
        }
        try {
            Map<String, Object> json = new ObjectMapper().readValue(cdkJson.toFile(),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) json.getOrDefault("context", Map.of());
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cdkJson, e);
        }
    }

    private static void failOnErrors(CloudFormationStackArtifact artifact) {
        List<String> errors = artifact.getMessages().stream()
                .filter(m -> m.getLevel().toString().equalsIgnoreCase("error"))
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("synthesis reported " + errors.size() + " error(s):\n  "
                    + String.join("\n  ", errors));
        }
    }
}
