package io.github.atomiccounters.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectFactsTest {

    @Test
    void theCdkCliPinIsTheOneCiRunUses() throws Exception {
        String version = ProjectFacts.project().cdkCliVersion();
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(Files.readString(Path.of(".ci", "run"))).contains("npx -y aws-cdk@" + version + " synth");
        assertThat(ProjectFacts.pinnedCdkCli("npx aws-cdk@1.2.3 synth\nnpx -y aws-cdk@1.2.3 deploy")).isEqualTo("1.2.3");
        assertThatThrownBy(() -> ProjectFacts.pinnedCdkCli("npx aws-cdk@1.2.3 synth; npx aws-cdk@1.2.4 deploy"))
                .hasMessageContaining("exactly one");
    }

    @Test
    void theContextKeysAreTheOnesTheStackAndTheAppRead() {
        assertThat(ProjectFacts.project().contextKeys()).contains("auth", "cognitoUserPoolArn", "existingTableName",
                "partitionKey", "sortKey", "sortKeyValue", "valueAttribute", "stageName", "shardCount", "throttleRate",
                "throttleBurst", "apiKeyRate", "apiKeyBurst", "apiKeyQuotaPerDay", "cloudWatchRole", "corsOrigins",
                "stackName").doesNotContain("tableName", "key");
        assertThat(ProjectFacts.contextKeys("""
                String a = context("one", "x");
                Number b = number( "two", 1);
                private String context(String key, String fallback) {
                """, "app.getNode().tryGetContext(\"three\")")).containsExactlyInAnyOrder("one", "two", "three");
        // the stack's public list of its options is the same set the source reads
        assertThat(ProjectFacts.project().contextKeys())
                .isEqualTo(java.util.Set.copyOf(io.github.atomiccounters.cdk.CounterStack.CONTEXT_KEYS));
    }
}
