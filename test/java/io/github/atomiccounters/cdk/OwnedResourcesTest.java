package io.github.atomiccounters.cdk;

import io.github.atomiccounters.testing.Synthesized;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.FromRoleArnOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The props of what the construct owns, each on the resource property it sets (CDK assertions on the synthesized
 * template): the integration role, alarms and their actions, the endpoint type with a private API's policy, tracing,
 * log retention, the table's key, contributor insights and deletion protection, a custom domain, a web ACL; and
 * what each refuses. Every configuration is synthesized once, in one app, under cdk-nag's AwsSolutions checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnedResourcesTest {
    private static final String IMPORTED_ROLE_ARN = "arn:aws:iam::123456789012:role/approved-counters-role";

    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private final Map<String, AtomicCounterApi> constructs = new LinkedHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, CloudFormationStackArtifact> artifacts = new LinkedHashMap<>();

    @BeforeAll
    void synthesizeEveryConfigurationInOneApp() {
        App app = new App(AppProps.builder().context(CounterApp.readContext(Path.of("cdk.json"))).build());
        add(app, "Defaults", (s, p) -> p);
        add(app, "Full", (s, p) -> p
                .integrationRole(OwnedResources.role(s))
                .alarmActions(List.of(new SnsAction(Topic.fromTopicArn(s, "Topic", OwnedResources.TOPIC_ARN))))
                .endpointType(EndpointType.EDGE)
                .tracing(false)
                .logRetention(RetentionDays.ONE_MONTH)
                .encryptionKey(OwnedResources.key(s))
                .contributorInsights(true)
                .deletionProtection(true)
                .domainName(DomainNameOptions.builder().domainName(OwnedResources.DOMAIN)
                        .certificate(Certificate.fromCertificateArn(s, "Certificate", OwnedResources.CERTIFICATE_ARN))
                        .endpointType(EndpointType.EDGE).basePath("counters").build())
                .webAclArn(OwnedResources.WEB_ACL_ARN));
        add(app, "PrivateApiKey", (s, p) -> p.authMode(AuthMode.API_KEY).endpointType(EndpointType.PRIVATE)
                .vpcEndpoints(List.of(OwnedResources.vpcEndpoint(s))).alarms(false)
                .accessLogRetention(RetentionDays.THREE_MONTHS));
        add(app, "PrivateIam", (s, p) -> p.endpointType(EndpointType.PRIVATE)
                .vpcEndpoints(List.of(OwnedResources.vpcEndpoint(s))).domainName(null));
        add(app, "RegionalDomain", (s, p) -> p.domainName(OwnedResources.domain(s, null)));
        add(app, "ImportedRole", (s, p) -> p.integrationRole(Role.fromRoleArn(s, "Approved", IMPORTED_ROLE_ARN)));
        add(app, "ImmutableRole", (s, p) -> p.integrationRole(Role.fromRoleArn(s, "Approved", IMPORTED_ROLE_ARN,
                FromRoleArnOptions.builder().mutable(false).build())));
        Aspects.of(app).add(new AwsSolutionsChecks());
        CloudAssembly assembly = app.synth();
        stacks.forEach((name, stack) -> {
            CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
            artifacts.put(name, artifact);
            templates.put(name, Template.fromJSON(Routes.map(artifact.getTemplate())));
        });
    }

    private void add(App app, String name, BiFunction<Stack, AtomicCounterApiProps.Builder,
            AtomicCounterApiProps.Builder> props) {
        Stack stack = new Stack(app, name);
        stacks.put(name, stack);
        constructs.put(name, new AtomicCounterApi(stack, "Counters",
                props.apply(stack, AtomicCounterApiProps.builder()).build()));
    }

    private Map<String, Object> only(String configuration, String type) {
        Map<String, Map<String, Object>> found = templates.get(configuration).findResources(type);
        assertThat(found).as("%s of %s", type, configuration).hasSize(1);
        return Synth.props(found.values().iterator().next());
    }

    private int count(String configuration, String type) {
        return templates.get(configuration).findResources(type).size();
    }

    private static AtomicCounterApi build(UnaryOperator<AtomicCounterApiProps.Builder> props) {
        Stack stack = new Stack(new App(), "S");
        return new AtomicCounterApi(stack, "Counters", props.apply(AtomicCounterApiProps.builder()).build());
    }

    @Test
    void everyConfigurationIsCleanUnderCdkNag() {
        artifacts.forEach((name, artifact) -> assertThat(Synthesized.nagFindings(artifact)).as(name).isEmpty());
    }

    @Test
    void integrationRoleOfTheDeployerTakesTheStatementsAndNoRoleIsCreated() {
        assertThat(count("Defaults", "AWS::IAM::Role")).isEqualTo(2);  // the integration role, CloudWatch's
        assertThat(count("Full", "AWS::IAM::Role")).isEqualTo(2);      // the deployer's, CloudWatch's
        Map<String, Object> policy = only("Full", "AWS::IAM::Policy");
        assertThat(Routes.ref(Routes.list(policy.get("Roles")).get(0))).startsWith("ApprovedRole");
        List<Map<String, Object>> statements = Routes.list(Routes.map(policy.get("PolicyDocument")).get("Statement"));
        // Sids carry the construct's unique id: the role may serve several APIs, and a Sid is unique in a policy
        String uniqueId = Names.uniqueId(constructs.get("Full"));
        assertThat(uniqueId).isEqualTo("FullCountersC03F68A4");
        assertThat(statements).extracting(s -> s.get("Sid")).containsExactly("GetItem" + uniqueId,
                "UpdateItem" + uniqueId, "DeleteItem" + uniqueId, "Query" + uniqueId, "TableKey" + uniqueId);
        templates.get("Full").findResources("AWS::ApiGateway::Method").values().stream().map(Synth::props)
                .filter(m -> !"OPTIONS".equals(m.get("HttpMethod")))
                .forEach(m -> assertThat(String.valueOf(Routes.map(m.get("Integration")).get("Credentials")))
                        .contains("ApprovedRole"));
        assertThat(constructs.get("Full").getIntegrationRole().getNode().getPath()).isEqualTo("Full/ApprovedRole");
        // an imported role takes them through a policy of this stack attached to it by name
        Map<String, Object> imported = only("ImportedRole", "AWS::IAM::Policy");
        assertThat(imported.get("Roles")).isEqualTo(List.of("approved-counters-role"));
        assertThat(count("ImportedRole", "AWS::IAM::Role")).isEqualTo(1);
    }

    @Test
    void anImmutableRoleTakesNoStatementsSoTheyAreGivenToTheDeployer() {
        assertThat(count("ImmutableRole", "AWS::IAM::Policy")).isZero();
        Stack stack = stacks.get("ImmutableRole");
        List<String> statements = constructs.get("ImmutableRole").getIntegrationPolicyStatements().stream()
                .map(st -> String.valueOf(stack.resolve(st.toStatementJson()))).toList();
        assertThat(statements).hasSize(4).allSatisfy(st -> assertThat(st).contains("Effect=Allow"));
        assertThat(statements.get(0)).contains("Action=dynamodb:GetItem").contains("Fn::GetAtt");
        // the pair: a role that takes them holds the same statements
        assertThat(constructs.get("ImportedRole").getIntegrationPolicyStatements()).hasSize(4);
        assertThat(only("ImportedRole", "AWS::IAM::Policy").toString()).contains("dynamodb:GetItem")
                .contains("dynamodb:Query");
    }

    @Test
    void alarmsNotifyTheirActionsOrAreNotCreated() {
        assertThat(count("Full", "AWS::CloudWatch::Alarm")).isEqualTo(3);
        templates.get("Full").findResources("AWS::CloudWatch::Alarm").values().stream().map(Synth::props)
                .forEach(a -> assertThat(a.get("AlarmActions")).isEqualTo(List.of(OwnedResources.TOPIC_ARN)));
        assertThat(constructs.get("Full").getAlarms()).hasSize(3);
        assertThat(count("PrivateApiKey", "AWS::CloudWatch::Alarm")).isZero();
        assertThat(constructs.get("PrivateApiKey").getAlarms()).isEmpty();
        // by default: three alarms, no action
        templates.get("Defaults").findResources("AWS::CloudWatch::Alarm").values().stream().map(Synth::props)
                .forEach(a -> assertThat(a).doesNotContainKey("AlarmActions"));
        assertThatThrownBy(() -> build(p -> p.alarms(false).alarmActions(List.of(new SnsAction(
                Topic.fromTopicArn(new Stack(new App(), "T"), "Topic", OwnedResources.TOPIC_ARN))))))
                .hasMessage("alarmActions: only with alarms, but alarms is false and 1 action(s) were given");
    }

    @Test
    void theMetricsAreTheStagesAndTheTablesWithTheAlarmsDefaults() {
        AtomicCounterApi counters = constructs.get("Defaults");
        Metric errors = counters.metricServerErrors();
        assertThat(List.of(errors.getNamespace(), errors.getMetricName(), errors.getStatistic()))
                .containsExactly("AWS/ApiGateway", "5XXError", "Sum");
        assertThat(errors.getPeriod().toSeconds()).isEqualTo(300);
        assertThat(errors.getDimensions()).containsOnlyKeys("ApiName", "Stage");
        Metric clientErrors = counters.metricClientErrors(MetricOptions.builder().period(Duration.minutes(1))
                .label("refused").build());
        assertThat(List.of(clientErrors.getMetricName(), clientErrors.getStatistic(), clientErrors.getLabel()))
                .containsExactly("4XXError", "Sum", "refused");
        assertThat(clientErrors.getPeriod().toSeconds()).isEqualTo(60);
        Metric latency = counters.metricLatency();
        assertThat(List.of(latency.getMetricName(), latency.getStatistic())).containsExactly("Latency", "p99");
        assertThat(counters.metricLatency(MetricOptions.builder().statistic("Average").build()).getStatistic())
                .isEqualTo("Average");
        MathExpression throttled = (MathExpression) counters.metricThrottledWrites();
        List<String> operations = throttled.getUsingMetrics().values().stream()
                .map(m -> String.valueOf(((Metric) m).getDimensions().get("Operation"))).sorted().toList();
        assertThat(operations).containsExactly("DeleteItem", "TransactWriteItems", "UpdateItem");
        assertThat(throttled.getUsingMetrics().values()).allSatisfy(m ->
                assertThat(((Metric) m).getMetricName()).isEqualTo("ThrottledRequests"));
    }

    @Test
    void edgeAndRegionalEndpointsAreTheApisEndpointType() {
        assertThat(Routes.map(only("Full", "AWS::ApiGateway::RestApi").get("EndpointConfiguration")))
                .isEqualTo(Map.of("Types", List.of("EDGE")));
        Map<String, Object> regional = only("Defaults", "AWS::ApiGateway::RestApi");
        assertThat(Routes.map(regional.get("EndpointConfiguration"))).isEqualTo(Map.of("Types", List.of("REGIONAL")));
        assertThat(regional).doesNotContainKey("Policy");
    }

    @Test
    void aPrivateApiIsCalledOnlyThroughItsVpcEndpointsAndItsPolicySaysSo() {
        Map<String, Object> api = only("PrivateIam", "AWS::ApiGateway::RestApi");
        assertThat(Routes.map(api.get("EndpointConfiguration"))).isEqualTo(Map.of("Types", List.of("PRIVATE"),
                "VpcEndpointIds", List.of(OwnedResources.VPC_ENDPOINT_ID)));
        List<Map<String, Object>> statements = Routes.list(Routes.map(api.get("Policy")).get("Statement"));
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).containsEntry("Effect", "Deny").containsEntry("Principal", Map.of("AWS", "*"))
                .containsEntry("Action", "execute-api:Invoke").containsEntry("Resource", "execute-api:/*")
                .containsEntry("Condition", Map.of("StringNotEquals",
                        Map.of("aws:SourceVpce", List.of(OwnedResources.VPC_ENDPOINT_ID))));
        // with IAM auth the account's own IAM policies (the grants) still decide who calls
        assertThat(statements.get(1)).containsEntry("Effect", "Allow").containsEntry("Resource", "execute-api:/*");
        assertThat(String.valueOf(statements.get(1).get("Principal"))).contains(":root");
        // with an API key, the key decides: anyone who reaches the endpoint
        List<Map<String, Object>> withKeys = Routes.list(Routes.map(only("PrivateApiKey", "AWS::ApiGateway::RestApi")
                .get("Policy")).get("Statement"));
        assertThat(withKeys.get(1).get("Principal")).isEqualTo(Map.of("AWS", "*"));

        assertThatThrownBy(() -> build(p -> p.endpointType(EndpointType.PRIVATE)))
                .hasMessageStartingWith("vpcEndpoints: required with endpointType PRIVATE");
        assertThatThrownBy(() -> build(p -> p.vpcEndpoints(List.of(OwnedResources.vpcEndpoint(
                new Stack(new App(), "T")))))).hasMessageContaining("but endpointType is REGIONAL and 1 VPC endpoint");
        assertThatThrownBy(() -> build(p -> p.endpointType(null)))
                .hasMessage("endpointType: expected REGIONAL, EDGE or PRIVATE but got null");
    }

    @Test
    void tracingAndLogRetentionAreTheStagesAndTheLogGroups() {
        assertThat(only("Full", "AWS::ApiGateway::Stage").get("TracingEnabled")).isEqualTo(false);
        assertThat(only("Defaults", "AWS::ApiGateway::Stage").get("TracingEnabled")).isEqualTo(true);
        assertThat(only("Full", "AWS::Logs::LogGroup").get("RetentionInDays")).isEqualTo(30);
        // the deprecated name sets the same prop
        assertThat(only("PrivateApiKey", "AWS::Logs::LogGroup").get("RetentionInDays")).isEqualTo(90);
        assertThatThrownBy(() -> build(p -> p.logRetention(null)))
                .hasMessage("logRetention: expected a RetentionDays value but got null");
    }

    @Test
    void theCreatedTableTakesAKeyContributorInsightsAndDeletionProtection() {
        Map<String, Object> table = only("Full", "AWS::DynamoDB::Table");
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("KMSMasterKeyId", OwnedResources.KEY_ARN,
                "SSEEnabled", true, "SSEType", "KMS"));
        assertThat(table.get("ContributorInsightsSpecification")).isEqualTo(Map.of("Enabled", true));
        assertThat(table.get("DeletionProtectionEnabled")).isEqualTo(true);
        Map<String, Object> defaults = only("Defaults", "AWS::DynamoDB::Table");
        assertThat(defaults).doesNotContainKeys("ContributorInsightsSpecification", "DeletionProtectionEnabled");
        assertThat(defaults.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true));
        // the integration role may use the key, through DynamoDB only
        Map<String, Object> keyStatement = Routes.list(Routes.map(only("Full", "AWS::IAM::Policy")
                .get("PolicyDocument")).get("Statement")).get(4);
        assertThat(keyStatement.get("Action")).isEqualTo(List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt",
                "kms:GenerateDataKey"));
        assertThat(keyStatement.get("Resource")).isEqualTo(OwnedResources.KEY_ARN);
        assertThat(String.valueOf(keyStatement.get("Condition"))).contains("kms:ViaService").contains("dynamodb.")
                .contains("AWS::Region");

        for (UnaryOperator<AtomicCounterApiProps.Builder> option : List.<UnaryOperator<AtomicCounterApiProps.Builder>>of(
                p -> p.contributorInsights(true), p -> p.deletionProtection(true))) {
            assertThatThrownBy(() -> build(p -> option.apply(p.table(Table.fromTableName(new Stack(new App(), "T"),
                    "T", "legacy"))))).hasMessageEndingWith(": only for the table the construct creates; an existing "
                    + "table's settings are its owner's, but the table prop is set");
        }
        Stack stack = new Stack(new App(), "T");
        assertThatThrownBy(() -> new AtomicCounterApi(stack, "C", AtomicCounterApiProps.builder()
                .table(Table.fromTableName(stack, "T", "legacy")).encryptionKey(OwnedResources.key(stack)).build()))
                .hasMessageStartingWith("encryptionKey: only for the table the construct creates");
    }

    @Test
    void aCustomDomainMapsItsBasePathToTheStageAndIsTheUrlCallersUse() {
        Map<String, Object> domain = only("Full", "AWS::ApiGateway::DomainName");
        assertThat(domain.get("DomainName")).isEqualTo(OwnedResources.DOMAIN);
        assertThat(domain.get("CertificateArn")).isEqualTo(OwnedResources.CERTIFICATE_ARN);
        assertThat(domain.get("EndpointConfiguration")).isEqualTo(Map.of("Types", List.of("EDGE")));
        Map<String, Object> mapping = only("Full", "AWS::ApiGateway::BasePathMapping");
        assertThat(mapping.get("BasePath")).isEqualTo("counters");
        assertThat(String.valueOf(mapping.get("Stage"))).contains("CountersDeploymentStagev1");
        // the base path replaces the stage in the URL; without a domain the URL is the stage's
        assertThat(constructs.get("Full").getUrl()).isEqualTo("https://counters.example.com/counters");
        assertThat(constructs.get("RegionalDomain").getUrl()).isEqualTo("https://counters.example.com");
        assertThat(only("RegionalDomain", "AWS::ApiGateway::DomainName").get("RegionalCertificateArn"))
                .isEqualTo(OwnedResources.CERTIFICATE_ARN);
        assertThat(Stack.of(constructs.get("Defaults")).resolve(constructs.get("Defaults").getUrl()).toString())
                .contains("execute-api").contains("CountersDeploymentStagev1");
        assertThat(count("Defaults", "AWS::ApiGateway::DomainName")).isZero();

        assertThatThrownBy(() -> build(p -> p.domainName(OwnedResources.domain(new Stack(new App(), "T"),
                "orders/v1")))).hasMessage("domainName.basePath: expected one path segment of A-Z a-z 0-9 and "
                + "$ - _ . + ! * ' ( ) (API Gateway's base paths) but got 'orders/v1'");
        assertThatThrownBy(() -> {
            Stack stack = new Stack(new App(), "T");
            new AtomicCounterApi(stack, "C", AtomicCounterApiProps.builder().endpointType(EndpointType.PRIVATE)
                    .vpcEndpoints(List.of(OwnedResources.vpcEndpoint(stack)))
                    .domainName(OwnedResources.domain(stack, "counters")).build());
        }).hasMessage("domainName: not with endpointType PRIVATE (a private API is called through its VPC "
                + "endpoints) but got counters.example.com");
    }

    @Test
    void aWebAclIsAssociatedWithTheStageAndReplacesTheWafAcknowledgment() {
        Map<String, Object> association = only("Full", "AWS::WAFv2::WebACLAssociation");
        assertThat(association.get("WebACLArn")).isEqualTo(OwnedResources.WEB_ACL_ARN);
        String stageArn = Routes.joined(association.get("ResourceArn"));
        assertThat(stageArn).contains(":apigateway:").contains("::/restapis/").contains("/stages/")
                .contains("CountersDeploymentStagev1");
        assertThat(String.valueOf(templates.get("Full").toJSON())).doesNotContain("AwsSolutions-APIG3");
        // the pair: without a web ACL, the finding is acknowledged with its reason (and cdk-nag is clean either way)
        assertThat(String.valueOf(templates.get("Defaults").toJSON())).contains("AwsSolutions-APIG3");
        assertThat(count("Defaults", "AWS::WAFv2::WebACLAssociation")).isZero();
        assertThatThrownBy(() -> build(p -> p.webAclArn("counters-acl")))
                .hasMessageStartingWith("webAclArn: expected the ARN of an AWS WAF web ACL");
    }
}
