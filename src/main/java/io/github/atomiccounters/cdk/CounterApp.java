package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.rules.TemplateSizeRule;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
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
 * The CDK app: one {@link CounterStack}, checked by cdk-nag's AwsSolutions pack and the deploy rules.
 * {@code cdk.json} runs {@link #main}; the local runtime synthesizes the same app in-process with
 * {@link #synthesizeTemplate}.
 */
public final class CounterApp {
    /** The stack's name unless the {@code stackName} context option gives another. */
    public static final String DEFAULT_STACK_NAME = "AtomicCounters";

    private CounterApp() {
    }

    /**
     * Synthesizes the app into the directory the CDK CLI passes in {@code CDK_OUTDIR} (a temporary one without it),
     * with the context the CLI passes: what {@code cdk synth} and {@code cdk deploy} run through {@code cdk.json}.
     *
     * @param args ignored; options come from the CDK context
     * @throws IllegalStateException when synthesis reports errors (e.g. an unacknowledged cdk-nag finding)
     */
    public static void main(String[] args) {
        App app = new App();
        synthesize(app, addStack(app));
    }

    /**
     * Synthesizes the app and returns the stack's artifact, as {@code cdk synth} does.
     *
     * @param app   the app to synthesize
     * @param stack the stack whose artifact to return, a stack of {@code app}
     * @return the stack's CloudFormation artifact (template, messages)
     * @throws IllegalStateException when synthesis reports errors (e.g. an unacknowledged cdk-nag finding)
     */
    public static CloudFormationStackArtifact synthesize(App app, Stack stack) {
        CloudAssembly assembly = app.synth();
        CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
        failOnErrors(artifact);
        return artifact;
    }

    /**
     * Adds the stack, named by the {@code stackName} context option or {@link #DEFAULT_STACK_NAME}, cdk-nag's
     * AwsSolutions checks (verbose) and the whole-template size check of the deploy rules (a validation plugin: the
     * size is known once the template is written) to an app.
     *
     * @param app the app, with its context already set
     * @return the stack added
     * @throws IllegalArgumentException when a context option is invalid, see
     *         {@link CounterStack#CounterStack(software.constructs.Construct, String, StackProps)}
     */
    public static CounterStack addStack(App app) {
        Object name = app.getNode().tryGetContext("stackName");
        CounterStack stack = new CounterStack(app, name == null ? DEFAULT_STACK_NAME : name.toString(),
                StackProps.builder()
                        .description("Atomic counters over HTTP: API Gateway -> DynamoDB, no Lambda")
                        .build());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Validations.of(app).addPlugins(new TemplateSizeRule());
        return stack;
    }

    /**
     * Synthesizes the app in this process, with the context of {@code cdkJson} (when it exists) plus
     * {@code extraContext}, as {@code cdk synth} would, and returns the stack's CloudFormation template.
     *
     * @param cdkJson      the app's {@code cdk.json}, or null (a missing file counts as no context)
     * @param extraContext context options that win over the file's, e.g. {@code Map.of("auth", "api-key")}
     * @return the template as parsed JSON (maps, lists, strings, numbers, booleans)
     * @throws IllegalStateException when synthesis reports errors (e.g. an unacknowledged cdk-nag finding)
     * @throws IllegalArgumentException when a context option is invalid, see {@link #addStack(App)}
     * @throws java.io.UncheckedIOException when {@code cdkJson} exists but cannot be read as JSON
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

    /**
     * The {@code context} object of a {@code cdk.json} file: feature flags and options.
     *
     * @param cdkJson the file, or null
     * @return its context, or empty when the file is null, missing or has none
     * @throws java.io.UncheckedIOException when the file exists but cannot be read as JSON
     */
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
