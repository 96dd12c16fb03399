package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.rules.TemplateSizeRule;
import io.github.atomiccounters.testing.Synthesized;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configuration the context keys allow that changes the template, and the example app on the construct,
 * synthesizes (so every deploy rule passes: they run at synthesis), is clean under cdk-nag's AwsSolutions, fits
 * CloudFormation's 1 MB, keeps no resource with a plain {@code Retain} (a rolled-back create must remove it), and
 * passes cfn-lint where it is installed (in CI it must be).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryConfigurationTest {

    /**
     * What a deployer owns through context: an edge endpoint with a custom domain and base path, a web ACL, the
     * table's key, contributor insights and deletion protection, alarms to a topic, no tracing, 30-day logs, and an
     * approved integration role.
     */
    static final Map<String, String> OWNED = Map.ofEntries(entry("endpointType", "edge"),
            entry("domainName", OwnedResources.DOMAIN), entry("certificateArn", OwnedResources.CERTIFICATE_ARN),
            entry("basePath", "counters"), entry("webAclArn", OwnedResources.WEB_ACL_ARN),
            entry("encryptionKeyArn", OwnedResources.KEY_ARN), entry("contributorInsights", "true"),
            entry("deletionProtection", "true"), entry("alarmTopicArn", OwnedResources.TOPIC_ARN),
            entry("tracing", "false"), entry("logRetentionDays", "30"),
            entry("integrationRoleArn", "arn:aws:iam::123456789012:role/approved-counters-role"));

    /** A private API reached through two VPC endpoints, with API keys, no alarms, logs kept forever. */
    static final Map<String, String> PRIVATE = Map.of("endpointType", "private",
            "vpcEndpointIds", OwnedResources.VPC_ENDPOINT_ID + ", vpce-0fedcba9876543210", "auth", "api-key",
            "alarms", "false", "logRetentionDays", "infinite");

    /** A regional custom domain without a base path. */
    static final Map<String, String> REGIONAL_DOMAIN = Map.of("domainName", OwnedResources.DOMAIN,
            "certificateArn", OwnedResources.CERTIFICATE_ARN);

    /**
     * One context per template-changing option, combined where they do not interact: auth modes, API keys with
     * their plan, CORS (one origin, any), an existing table with and without a sort key, a value attribute, a
     * custom stage name, shards, throttling, no CloudWatch role, and what the construct owns (endpoint types, custom
     * domains, a web ACL, the table's key and options, alarms, tracing, logs, the integration role). Most are the
     * contexts other tests synthesize too.
     */
    static final Map<String, Map<String, String>> CONFIGURATIONS = Map.ofEntries(
            entry("iam (defaults)", Synthesized.DEFAULT),
            entry("api-key, usage plan, one CORS origin", Synthesized.API_KEY),
            entry("cognito", Synthesized.COGNITO),
            entry("none, CORS *", Synthesized.OPEN),
            entry("existing table with sort key, CORS", Synthesized.CORS_EXISTING_TABLE),
            entry("existing table without sort key, throttling", Synthesized.NO_SORT_KEY),
            entry("3 shards", Synthesized.THREE_SHARDS),
            entry("the seed blog's table and value attribute", Map.of("existingTableName", "donation-data",
                    "partitionKey", "context", "sortKey", "id", "sortKeyValue", "id",
                    "valueAttribute", "counterValue")),
            entry("value attribute, stage name, no CloudWatch role, stack name", Map.of(
                    "valueAttribute", "counterValue", "stageName", "prod_v-2", "cloudWatchRole", "false",
                    "stackName", "CountersProd", "throttleRate", "12.5", "throttleBurst", "25")),
            entry("edge, custom domain with base path, web ACL, key, insights, protection, alarm topic, no tracing, "
                    + "30-day logs, approved role", OWNED),
            entry("private through two VPC endpoints, api-key, no alarms, logs kept", PRIVATE),
            entry("regional custom domain", REGIONAL_DOMAIN));

    /** The example app's props, as examples/seed-table/src/main/java/example/SeedTableApp.java sets them. */
    private static final Map<String, String> SEED_TABLE_PROPS = Map.of("table", "donation-data",
            "partitionKeyName", "context", "sortKeyName", "id", "sortKeyValue", "id",
            "valueAttributeName", "counterValue");
    /** The counter the example's sign-up role may call next on, and nothing else. */
    private static final String SEED_TABLE_GRANT = "atomicCounter";
    private static final Path SEED_TABLE_APP = Path.of("examples/seed-table/src/main/java/example/SeedTableApp.java");

    private final Map<String, Path> templates = new TreeMap<>();

    @BeforeAll
    void synthesizeEveryConfiguration() throws IOException {
        CONFIGURATIONS.forEach((name, context) -> {
            Synthesized synthesized = Synthesized.of(context);
            assertThat(synthesized.nagFindings()).as("cdk-nag findings of " + name).isEmpty();
            templates.put(name, synthesized.file());  // fails when the synthesis reported errors
        });
        templates.put("examples/seed-table", synthesizeTheSeedTableExample());
    }

    /** The example app as its main() builds it: no cdk.json context, cdk-nag's AwsSolutions (not verbose). */
    private static Path synthesizeTheSeedTableExample() throws IOException {
        App app = new App();
        Stack stack = new Stack(app, "SeedTableCounters", StackProps.builder()
                .description("Atomic counters on the seed blog's donation-data table").build());
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
                .table(Table.fromTableName(stack, "Donations", SEED_TABLE_PROPS.get("table")))
                .partitionKeyName(SEED_TABLE_PROPS.get("partitionKeyName"))
                .sortKeyName(SEED_TABLE_PROPS.get("sortKeyName"))
                .sortKeyValue(SEED_TABLE_PROPS.get("sortKeyValue"))
                .valueAttributeName(SEED_TABLE_PROPS.get("valueAttributeName"))
                .build());
        Role signup = Role.Builder.create(stack, "SignupRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        counters.grantInvoke(signup, SEED_TABLE_GRANT, Route.NEXT);
        Aspects.of(app).add(new AwsSolutionsChecks());
        CloudFormationStackArtifact artifact = app.synth().getStackByName("SeedTableCounters");
        assertThat(Synthesized.nagFindings(artifact)).as("cdk-nag findings of the example").isEmpty();
        Path file = Path.of("target", "synth", "examples-seed-table.template.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), artifact.getTemplate());
        return file;
    }

    @Test
    void theExampleIsSynthesizedWithTheExamplesProps() throws IOException {
        String source = Files.readString(SEED_TABLE_APP);
        Map<String, String> calls = new LinkedHashMap<>();
        Matcher m = Pattern.compile(
                "\\.(partitionKeyName|sortKeyName|sortKeyValue|valueAttributeName)\\(\"([^\"]*)\"\\)").matcher(source);
        while (m.find()) {
            calls.put(m.group(1), m.group(2));
        }
        Matcher table = Pattern.compile("\\.table\\(Table\\.fromTableName\\(stack, \"[^\"]*\", \"([^\"]*)\"\\)\\)")
                .matcher(source);
        assertThat(table.find()).as("the example's table prop").isTrue();
        calls.put("table", table.group(1));
        assertThat(calls).isEqualTo(SEED_TABLE_PROPS);
        assertThat(source).contains("counters.grantInvoke(signup, \"" + SEED_TABLE_GRANT + "\", Route.NEXT)");
        assertThat(source).contains("new AwsSolutionsChecks()").doesNotContain(".authMode(")
                .doesNotContain(".corsAllowOrigins(").doesNotContain(".stageName(");
    }

    @Test
    void everyConfigurationFitsCloudFormationsTemplateSizeAndTravelsThroughS3() throws IOException {
        assertThat(templates).hasSize(CONFIGURATIONS.size() + 1);
        for (Map.Entry<String, Path> t : templates.entrySet()) {
            assertThat(TemplateSizeRule.problem(t.getValue())).as(t.getKey()).isEmpty();
            // over the 51,200 bytes of an inline body: deploying needs cdk bootstrap's bucket (docs/deploying.md)
            assertThat(Files.size(t.getValue())).as(t.getKey())
                    .isGreaterThan(TemplateSizeRule.MAX_INLINE_TEMPLATE_BYTES);
        }
    }

    /** Resources whose DeletionPolicy keeps them after a rolled-back create: every one except RetainExceptOnCreate. */
    static List<String> keptAfterAFailedCreate(Map<String, Object> template) {
        List<String> kept = new ArrayList<>();
        Routes.map(template.get("Resources")).forEach((id, r) -> {
            Object policy = Routes.map(r).get("DeletionPolicy");
            if (policy != null && !Set.of("Delete", "RetainExceptOnCreate").contains(policy)) {
                kept.add(id + ": " + policy);
            }
        });
        return kept;
    }

    @Test
    void aFailedFirstDeployLeavesNothingBehind() throws IOException {
        int retainedOnDelete = 0;
        for (Map.Entry<String, Path> t : templates.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> template = new ObjectMapper().readValue(t.getValue().toFile(), Map.class);
            assertThat(keptAfterAFailedCreate(template)).as(t.getKey()).isEmpty();
            retainedOnDelete += (int) Routes.map(template.get("Resources")).values().stream()
                    .filter(r -> "RetainExceptOnCreate".equals(Routes.map(r).get("DeletionPolicy"))).count();
        }
        assertThat(retainedOnDelete).as("resources kept on delete, over all configurations").isGreaterThan(0);
        // the pair: what the check refuses
        Map<String, Object> retained = Map.of("Resources", Map.of(
                "Table", Map.of("Type", "AWS::DynamoDB::Table", "DeletionPolicy", "Retain"),
                "Logs", Map.of("Type", "AWS::Logs::LogGroup", "DeletionPolicy", "RetainExceptOnCreate")));
        assertThat(keptAfterAFailedCreate(retained)).containsExactly("Table: Retain");
    }

    @Test
    void everyConfigurationPassesCfnLint() throws Exception {
        boolean installed = new ProcessBuilder("sh", "-c", "command -v cfn-lint").start().waitFor() == 0;
        if (!installed) {
            assertThat(System.getenv("CI")).as("cfn-lint must be installed in CI").isNotEqualTo("true");
            Assumptions.abort("cfn-lint is not installed");
        }
        List<Path> all = new ArrayList<>(templates.values());
        assertThat(cfnLint(all)).as("cfn-lint over %s", templates.keySet()).isEmpty();
        // the pair: cfn-lint run this way does refuse a broken template
        Path broken = Path.of("target", "synth", "broken.template.json");
        Files.writeString(broken, "{\"Resources\": {\"Table\": {\"Type\": \"AWS::DynamoDB::Table\", "
                + "\"Properties\": {\"BillingMode\": \"FREE\"}}}}");
        assertThat(cfnLint(List.of(broken))).isNotEmpty();
    }

    /** cfn-lint's output over the files, empty when it exits 0 (no error, warning or informational finding). */
    private static String cfnLint(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        files.forEach(p -> command.add(p.toString()));
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(170, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        return lint.exitValue() == 0 ? "" : "exit " + lint.exitValue() + ":\n" + output;
    }
}
