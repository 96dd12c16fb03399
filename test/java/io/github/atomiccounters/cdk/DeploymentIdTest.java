package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.logs.RetentionDays;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change reaches the stage. A stage serves the snapshot its Deployment took; CloudFormation creates a new
 * Deployment (and points the stage at it) only when the Deployment's logical id changes. So: editing any kind of
 * input file, or changing any prop that changes the API, changes that id; changing nothing keeps it. Each variant
 * is a stack of one app, synthesized once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An edit of one input file, per kind of file {@link TemplateFiles} reads. A new kind (a fragment) is one more
     * entry here.
     */
    record FileEdit(String kind, String file, UnaryOperator<String> edit) {
        @Override
        public String toString() {
            return kind + " (" + file + ")";
        }
    }

    static List<FileEdit> fileEdits() {
        return List.of(
                new FileEdit("request template", "request/increment.vtl", t -> t + "\n## edited\n"),
                new FileEdit("success response template", "response/update.vtl", t -> t + "\n## edited\n"),
                new FileEdit("error response template", AtomicCounterApi.ERROR_TEMPLATE, t -> t + "\n## edited\n"),
                // issue 16 measured exactly this: a changed description, and the Deployment kept its id
                new FileEdit("request model", "models/increment.json", DeploymentIdTest::editedDescription),
                new FileEdit("gateway response", "gateway/throttled.json", t -> t.replace("\"message\"",
                        "\"message\" ")),
                // a fragment reaches the stage through every template that includes it
                new FileEdit("template fragment", "fragments/request-time.vtl", t -> t + "\n## edited\n"));
    }

    /** A prop change: the variant's props, and the variant it is compared with. */
    record PropChange(String prop, String baseline, BiFunction<Stack, AtomicCounterApiProps.Builder,
            AtomicCounterApiProps.Builder> props, boolean changesApi) {
        @Override
        public String toString() {
            return prop;
        }
    }

    private static final String DEFAULTS = "defaults";
    private static final String EXISTING_TABLE = "existing table";
    private static final String API_KEYS = "api keys";

    static List<PropChange> propChanges() {
        return List.of(
                new PropChange("authMode API_KEY", DEFAULTS, (s, p) -> p.authMode(AuthMode.API_KEY), true),
                new PropChange("authMode NONE", DEFAULTS, (s, p) -> p.authMode(AuthMode.NONE), true),
                new PropChange("authMode COGNITO + userPool", DEFAULTS, (s, p) -> p.authMode(AuthMode.COGNITO)
                        .userPool(UserPool.fromUserPoolArn(s, "Pool", Synthesized.USER_POOL_ARN)), true),
                new PropChange("corsAllowOrigins one origin", DEFAULTS,
                        (s, p) -> p.corsAllowOrigins(List.of(Synthesized.ORIGIN)), true),
                new PropChange("corsAllowOrigins *", DEFAULTS, (s, p) -> p.corsAllowOrigins(List.of("*")), true),
                new PropChange("table", DEFAULTS, DeploymentIdTest::existingTable, true),
                new PropChange("partitionKeyName", EXISTING_TABLE,
                        (s, p) -> existingTable(s, p).partitionKeyName("context"), true),
                new PropChange("sortKeyName", EXISTING_TABLE, (s, p) -> existingTable(s, p).sortKeyName(""), true),
                new PropChange("sortKeyValue", DEFAULTS, (s, p) -> p.sortKeyValue("id"), true),
                new PropChange("valueAttributeName", DEFAULTS, (s, p) -> p.valueAttributeName("counterValue"), true),
                new PropChange("stageName", DEFAULTS, (s, p) -> p.stageName("v2"), true),
                new PropChange("shardCount", DEFAULTS, (s, p) -> p.shardCount(3), true),
                new PropChange("throttlingRateLimit", DEFAULTS, (s, p) -> p.throttlingRateLimit(50), true),
                new PropChange("throttlingBurstLimit", DEFAULTS, (s, p) -> p.throttlingBurstLimit(100), true),
                new PropChange("apiKeyRateLimit", API_KEYS, (s, p) -> p.authMode(AuthMode.API_KEY)
                        .apiKeyRateLimit(5), true),
                new PropChange("apiKeyBurstLimit", API_KEYS, (s, p) -> p.authMode(AuthMode.API_KEY)
                        .apiKeyBurstLimit(7), true),
                new PropChange("apiKeyQuotaPerDay", API_KEYS, (s, p) -> p.authMode(AuthMode.API_KEY)
                        .apiKeyQuotaPerDay(10), true),
                new PropChange("tracing", DEFAULTS, (s, p) -> p.tracing(false), true),
                new PropChange("endpointType EDGE", DEFAULTS, (s, p) -> p.endpointType(EndpointType.EDGE), true),
                new PropChange("endpointType PRIVATE + vpcEndpoints", DEFAULTS, (s, p) -> p
                        .endpointType(EndpointType.PRIVATE).vpcEndpoints(List.of(OwnedResources.vpcEndpoint(s))),
                        true),
                new PropChange("integrationRole", DEFAULTS, (s, p) -> p.integrationRole(OwnedResources.role(s)), true),
                // outside what a stage serves: the log group's retention, the account's CloudWatch role, the
                // alarms, the table's settings, the web ACL (an association with the stage), the custom domain (its
                // mapping names the stage; it is not part of a Deployment's snapshot)
                new PropChange("logRetention", DEFAULTS, (s, p) -> p.logRetention(RetentionDays.ONE_MONTH), false),
                new PropChange("cloudWatchRole", DEFAULTS, (s, p) -> p.cloudWatchRole(false), false),
                new PropChange("alarms", DEFAULTS, (s, p) -> p.alarms(false), false),
                new PropChange("encryptionKey", DEFAULTS, (s, p) -> p.encryptionKey(OwnedResources.key(s)), false),
                new PropChange("contributorInsights", DEFAULTS, (s, p) -> p.contributorInsights(true), false),
                new PropChange("deletionProtection", DEFAULTS, (s, p) -> p.deletionProtection(true), false),
                new PropChange("webAclArn", DEFAULTS, (s, p) -> p.webAclArn(OwnedResources.WEB_ACL_ARN), false),
                new PropChange("domainName", DEFAULTS, (s, p) -> p.domainName(OwnedResources.domain(s, "counters")),
                        false));
    }

    private static AtomicCounterApiProps.Builder existingTable(Stack stack, AtomicCounterApiProps.Builder props) {
        return props.table(Table.fromTableName(stack, "Existing", "donation-data"));
    }

    private final App app = new App(AppProps.builder().context(CounterApp.readContext(Path.of("cdk.json"))).build());
    private final Map<String, String> stackNames = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();

    @BeforeAll
    void synthesizeEveryVariantInOneApp() {
        add(DEFAULTS, (s, p) -> p);
        add("defaults, again", (s, p) -> p);
        add(EXISTING_TABLE, DeploymentIdTest::existingTable);
        add(API_KEYS, (s, p) -> p.authMode(AuthMode.API_KEY));
        for (FileEdit edit : fileEdits()) {
            String edited = edit.edit().apply(TemplateFiles.readSource(edit.file()));
            assertThat(edited).as(edit.toString()).isNotEqualTo(TemplateFiles.readSource(edit.file()));
            TemplateFiles.withText(edit.file(), edited, () -> add(edit.toString(), (s, p) -> p));
        }
        // the seam itself changes nothing: the same text substituted gives the defaults' id
        TemplateFiles.withText("request/increment.vtl", TemplateFiles.readSource("request/increment.vtl"),
                () -> add("request/increment.vtl substituted unchanged", (s, p) -> p));
        for (PropChange change : propChanges()) {
            add(change.prop(), change.props());
        }
        CloudAssembly assembly = app.synth();
        stackNames.forEach((variant, stackName) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> template = (Map<String, Object>) assembly.getStackByName(stackName).getTemplate();
            templates.put(variant, template);
        });
    }

    private Void add(String variant, BiFunction<Stack, AtomicCounterApiProps.Builder, AtomicCounterApiProps.Builder>
            props) {
        String name = "Variant" + stackNames.size();
        Stack stack = new Stack(app, name);
        new AtomicCounterApi(stack, "Counters", props.apply(stack, AtomicCounterApiProps.builder()).build());
        stackNames.put(variant, name);
        return null;
    }

    @Test
    void changingNothingKeepsTheDeployment() {
        assertThat(deploymentId("defaults, again")).isEqualTo(deploymentId(DEFAULTS));
        assertThat(deploymentId("request/increment.vtl substituted unchanged")).isEqualTo(deploymentId(DEFAULTS));
        assertThat(apiChanges(DEFAULTS, "defaults, again")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileEdits")
    void editingAnInputFileMakesANewDeployment(FileEdit edit) {
        assertThat(apiChanges(DEFAULTS, edit.toString())).as("what the edit changes in the API").isNotEmpty();
        assertThat(deploymentId(edit.toString())).as("the Deployment after editing " + edit)
                .isNotEqualTo(deploymentId(DEFAULTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("propChanges")
    void changingAPropThatChangesTheApiMakesANewDeployment(PropChange change) {
        List<String> changed = apiChanges(change.baseline(), change.prop());
        if (change.changesApi()) {
            assertThat(changed).as("API Gateway resources that " + change + " changes").isNotEmpty();
        }
        if (!changed.isEmpty()) {
            assertThat(deploymentId(change.prop()))
                    .as("the Deployment, after a change of " + change + " to " + changed)
                    .isNotEqualTo(deploymentId(change.baseline()));
        }
    }

    /**
     * The pair of the tests above: the comparison they rely on does see a change that would not reach the stage.
     * An edited model schema, put into the template after synthesis (what the CDK's own hash missed), is an API
     * change the Deployment's id does not follow.
     */
    @Test
    void aChangeOutsideTheDeploymentsHashIsCaught() {
        Map<String, Object> edited = deepCopy(templates.get(DEFAULTS));
        Map<String, Object> model = props(edited, "AWS::ApiGateway::Model").values().iterator().next();
        model.put("Description", "edited after the hash");
        assertThat(apiChanges(templates.get(DEFAULTS), edited)).hasSize(1);
        assertThat(deploymentIdOf(edited)).isEqualTo(deploymentId(DEFAULTS));
    }

    private String deploymentId(String variant) {
        return deploymentIdOf(templates.get(variant));
    }

    private static String deploymentIdOf(Map<String, Object> template) {
        List<String> ids = resources(template).entrySet().stream()
                .filter(e -> "AWS::ApiGateway::Deployment".equals(Routes.map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private List<String> apiChanges(String baseline, String variant) {
        return apiChanges(templates.get(baseline), templates.get(variant));
    }

    /**
     * The API Gateway resources (all but the Deployment, the account-level setting and usage plan keys) that differ
     * between two templates, by logical id: added, removed, or with other properties. A stage's
     * {@code DeploymentId} is left out: it follows the Deployment.
     */
    private static List<String> apiChanges(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Object>> a = apiResources(before);
        Map<String, Map<String, Object>> b = apiResources(after);
        List<String> changed = new ArrayList<>();
        for (String id : new TreeSet<>(union(a.keySet(), b.keySet()))) {
            if (!Objects.equals(a.get(id), b.get(id))) {
                changed.add(id);
            }
        }
        return changed;
    }

    private static Map<String, Map<String, Object>> apiResources(Map<String, Object> template) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources(template).forEach((id, value) -> {
            Map<String, Object> resource = Routes.map(value);
            String type = (String) resource.get("Type");
            // a UsagePlanKey only links a key to a plan; its logical id holds the stack's name, so it differs
            // between any two variants here. A custom domain and its base path mapping are not part of what a
            // Deployment snapshots (they point at the stage by name)
            if (type.startsWith("AWS::ApiGateway::") && !type.equals("AWS::ApiGateway::Deployment")
                    && !type.equals("AWS::ApiGateway::Account") && !type.equals("AWS::ApiGateway::UsagePlanKey")
                    && !type.equals("AWS::ApiGateway::DomainName")
                    && !type.equals("AWS::ApiGateway::BasePathMapping")) {
                Map<String, Object> properties = new LinkedHashMap<>(Routes.map(resource.getOrDefault("Properties",
                        Map.of())));
                properties.remove("DeploymentId");
                out.put(type + " " + id, properties);
            }
        });
        return out;
    }

    private static Map<String, Object> resources(Map<String, Object> template) {
        return Routes.map(template.get("Resources"));
    }

    private static Map<String, Map<String, Object>> props(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources(template).forEach((id, r) -> {
            if (type.equals(Routes.map(r).get("Type"))) {
                out.put(id, Routes.map(Routes.map(r).get("Properties")));
            }
        });
        return out;
    }

    private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
        java.util.Set<T> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> template) {
        try {
            return JSON.readValue(JSON.writeValueAsString(template), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String editedDescription(String schema) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(schema);
            json.put("description", json.path("description").asText() + " (edited)");
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
