package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdk.json sets only feature flags that the pinned aws-cdk-lib has: a flag it does not know is silently ignored, so
 * a misspelled or removed flag promises a behaviour the app does not get. The flags the CDK knows are read from its
 * own feature-flag report in the cloud assembly ({@code aws-cdk-lib/feature-flag-report}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdkJsonFlagsTest {
    private Map<String, Object> cdkJsonContext;
    private Map<String, JsonNode> knownFlags;

    @BeforeAll
    void readTheCdksFlagReport() throws IOException {
        cdkJsonContext = CounterApp.readContext(Path.of("cdk.json"));
        App app = new App(AppProps.builder().context(cdkJsonContext).build());
        // one resource: CloudFormation's rules (on with validateAgainstDefaultRules) refuse an empty stack
        CfnWaitConditionHandle.Builder.create(new Stack(app, "Flags"), "Placeholder").build();
        CloudAssembly assembly = app.synth();
        JsonNode manifest = new ObjectMapper().readTree(Path.of(assembly.getDirectory(), "manifest.json").toFile());
        JsonNode flags = manifest.path("artifacts").path("aws-cdk-lib/feature-flag-report").path("properties")
                .path("flags");
        knownFlags = new LinkedHashMap<>();
        flags.fields().forEachRemaining(e -> knownFlags.put(e.getKey(), e.getValue()));
    }

    /** The {@code @aws-cdk...} keys of a context that the pinned CDK has no flag for. */
    private Set<String> unknownFlags(Map<String, Object> context) {
        Set<String> unknown = new TreeSet<>();
        context.keySet().stream().filter(k -> k.startsWith("@aws-cdk")).filter(k -> !knownFlags.containsKey(k))
                .forEach(unknown::add);
        return unknown;
    }

    @Test
    void everyFlagInCdkJsonIsAFlagOfThePinnedCdk() {
        assertThat(knownFlags).as("flags in the CDK's report").hasSizeGreaterThan(50)
                .containsKey("@aws-cdk/aws-apigateway:disableCloudWatchRole");
        assertThat(unknownFlags(cdkJsonContext)).isEmpty();
    }

    @Test
    void aFlagThePinnedCdkLacksIsReported() {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext);
        context.put("@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard", true);
        assertThat(unknownFlags(context)).containsExactly(
                "@aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard");
    }

    @Test
    void cdkJsonSetsTheApiGatewayFlagsThisAppReliesOn() {
        for (String flag : List.of("@aws-cdk/aws-apigateway:disableCloudWatchRole",
                "@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId",
                "@aws-cdk/aws-apigateway:requestValidatorUniqueId")) {
            assertThat(cdkJsonContext).as(flag).containsEntry(flag, true);
        }
    }
}
