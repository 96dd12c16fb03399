package io.github.atomiccounters.cdk.rules;

import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.AtomicCounterApiProps;
import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.cdk.CounterStack;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.CfnApiKey;
import software.amazon.awscdk.services.apigateway.CfnBasePathMapping;
import software.amazon.awscdk.services.apigateway.CfnDomainName;
import software.amazon.awscdk.services.apigateway.CfnRestApi;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;
import software.amazon.awscdk.services.apigateway.CfnGatewayResponse;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CfnRequestValidator;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.CfnUsagePlan;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAttributes;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.IConstruct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each deploy rule in a pair: a configuration AWS refuses, which the rule reports with its id, the resource and the
 * value; and this project's construct, in every auth mode and with CORS, which passes it, with the resources the
 * rule reads present (so passing is not vacuous).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployRulesTest {

    /** The L1 types each rule reads, at least one of which the construct holds in some configuration below. */
    private static final Map<String, Set<Class<? extends CfnResource>>> READS = Map.ofEntries(
            entry("Deploy-ModelName", Set.of(CfnModel.class)),
            entry("Deploy-ModelSchemaSize", Set.of(CfnModel.class)),
            entry("Deploy-StageName", Set.of(CfnStage.class)),
            entry("Deploy-StageVariables", Set.of(CfnStage.class)),
            entry("Deploy-IntegerLimits", Set.of(CfnStage.class, CfnUsagePlan.class)),
            entry("Deploy-StageDependency", Set.of(CfnUsagePlan.class)),
            entry("Deploy-ApiKeyValue", Set.of(CfnApiKey.class)),
            entry("Deploy-AuthorizerTtl", Set.of(CfnAuthorizer.class)),
            entry("Deploy-CognitoAuthorizer", Set.of(CfnAuthorizer.class)),
            entry("Deploy-MethodAuthorizer", Set.of(CfnMethod.class)),
            entry("Deploy-MethodReferences", Set.of(CfnMethod.class)),
            entry("Deploy-AccessLogFormat", Set.of(CfnStage.class)),
            entry("Deploy-AccessLogDestination", Set.of(CfnStage.class)),
            entry("Deploy-LoggingRole", Set.of(CfnStage.class)),
            entry("Deploy-MappingTemplateSize", Set.of(CfnMethod.class)),
            entry("Deploy-GatewayResponseTemplate", Set.of(CfnGatewayResponse.class)),
            entry("Deploy-ResponseMapping", Set.of(CfnMethod.class)),
            entry("Deploy-PrivateApiPolicy", Set.of(CfnRestApi.class)),
            entry("Deploy-DomainCertificate", Set.of(CfnDomainName.class)),
            entry("Deploy-BasePath", Set.of(CfnBasePathMapping.class)),
            entry("Deploy-WebAclScope", Set.of(CfnWebACLAssociation.class)));

    private final List<AtomicCounterApi> ours = new ArrayList<>();

    private static final String CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/"
            + "12345678-1234-1234-1234-123456789012";
    private static final String WEB_ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/counters/"
            + "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    @BeforeAll
    void buildOurConstructInEveryAuthModeAndWithCors() {
        App app = new App();
        Stack stack = new Stack(app, "Ours");
        ours.add(new AtomicCounterApi(stack, "Iam"));
        ours.add(new AtomicCounterApi(stack, "ApiKey", AtomicCounterApiProps.builder().authMode(AuthMode.API_KEY)
                .corsAllowOrigins(List.of(Synthesized.ORIGIN)).build()));
        ours.add(new AtomicCounterApi(stack, "Cognito", AtomicCounterApiProps.builder().authMode(AuthMode.COGNITO)
                .userPool(UserPool.fromUserPoolArn(stack, "Pool", Synthesized.USER_POOL_ARN))
                .corsAllowOrigins(List.of("*")).cloudWatchRole(false).build()));
        // and with what it may own: a private endpoint, a custom domain with a base path, a web ACL
        ours.add(new AtomicCounterApi(stack, "Private", AtomicCounterApiProps.builder()
                .endpointType(EndpointType.PRIVATE).vpcEndpoints(List.of(InterfaceVpcEndpoint
                        .fromInterfaceVpcEndpointAttributes(stack, "Endpoint", InterfaceVpcEndpointAttributes.builder()
                                .vpcEndpointId("vpce-0123456789abcdef0").port(443).build())))
                .cloudWatchRole(false).build()));
        ours.add(new AtomicCounterApi(stack, "Domain", AtomicCounterApiProps.builder()
                .endpointType(EndpointType.EDGE).domainName(DomainNameOptions.builder()
                        .domainName("counters.example.com").endpointType(EndpointType.EDGE).basePath("counters")
                        .certificate(Certificate.fromCertificateArn(stack, "Certificate", CERTIFICATE_ARN)).build())
                .webAclArn(WEB_ACL_ARN).cloudWatchRole(false).build()));
    }

    static List<String> ruleIds() {
        return DeployRules.RULES.stream().map(DeployRule::id).toList();
    }

    @Test
    void everyRuleHasAnIdADescriptionASourceAndIsTestedHere() {
        assertThat(DeployRules.RULES).allSatisfy(rule -> {
            assertThat(rule.id()).matches("Deploy-[A-Za-z]+");
            assertThat(rule.description()).isNotBlank().doesNotContain("\n");
            assertThat(rule.source()).startsWith("https://");
        });
        assertThat(READS.keySet()).containsExactlyInAnyOrderElementsOf(ruleIds());
        assertThat(ruleIds()).doesNotHaveDuplicates();
    }

    /** The rule table of docs/deploying.md: id -> description. */
    static Map<String, String> documentedRules(String markdown) {
        Map<String, String> rules = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\| `(Deploy-[A-Za-z]+)` \\| ([^|]+) \\| \\[",
                java.util.regex.Pattern.MULTILINE).matcher(markdown);
        while (m.find()) {
            rules.put(m.group(1), m.group(2).trim());
        }
        return rules;
    }

    /** Every rule, the template-size plugin included: id -> description. */
    static Map<String, String> allRules() {
        Map<String, String> rules = new LinkedHashMap<>();
        DeployRules.RULES.forEach(r -> rules.put(r.id(), r.description()));
        rules.put(TemplateSizeRule.ID, TemplateSizeRule.DESCRIPTION);
        return rules;
    }

    @Test
    void docsDeployingListsEveryRuleWithItsDescription() throws IOException {
        String doc = Files.readString(Path.of("docs", "deploying.md"));
        assertThat(documentedRules(doc)).containsExactlyEntriesOf(allRules());
        // the pair: a row gone or reworded is a difference
        String drifted = doc.replace("| `Deploy-StageName` | API Gateway stage names",
                        "| `Deploy-StageName` | Stage names")
                .replaceAll("(?m)^\\| `Deploy-ModelName` .*\\n", "");
        assertThat(documentedRules(drifted)).doesNotContainKey("Deploy-ModelName")
                .containsEntry("Deploy-StageName", "Stage names are letters, digits, '-' and '_', at most 128")
                .isNotEqualTo(allRules());
    }

    @ParameterizedTest
    @MethodSource("ruleIds")
    void ourConstructPassesTheRule(String ruleId) {
        DeployRule rule = rule(ruleId);
        List<CfnResource> read = new ArrayList<>();
        for (AtomicCounterApi construct : ours) {
            StackResources stack = StackResources.of(Stack.of(construct));
            for (IConstruct child : construct.getNode().findAll()) {
                if (child instanceof CfnResource resource
                        && DeployRules.acknowledgment(resource, ruleId) == null) {
                    assertThat(rule.check(resource, stack)).as(ruleId + " on " + resource.getNode().getPath())
                            .isEmpty();
                    if (READS.get(ruleId).stream().anyMatch(t -> t.isInstance(resource))) {
                        read.add(resource);
                    }
                }
            }
        }
        assertThat(read).as("resources of ours that " + ruleId + " reads").isNotEmpty();
    }

    // ---- the refused configurations, one per rule

    private static DeployRule rule(String id) {
        return DeployRules.RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Finding> check(String ruleId, CfnResource resource) {
        return rule(ruleId).check(resource, StackResources.of(Stack.of(resource)));
    }

    private static RestApi plainApi(Stack stack) {
        RestApi api = RestApi.Builder.create(stack, "Api").cloudWatchRole(false).build();
        api.getRoot().addMethod("GET", new MockIntegration());
        return api;
    }

    private static CfnStage stageOf(RestApi api) {
        return (CfnStage) api.getDeploymentStage().getNode().getDefaultChild();
    }

    private static Stack stack() {
        return new Stack(new App(), "Refused");
    }

    @Test
    void modelName() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnModel model = CfnModel.Builder.create(stack, "Model").restApiId(api.getRestApiId())
                .contentType("application/json").name("Shard-incrementRequest").schema(Map.of("type", "object"))
                .build();
        assertThat(check("Deploy-ModelName", model)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("Deploy-ModelName");
            assertThat(f.path()).isEqualTo("Refused/Model");
            assertThat(f.property()).isEqualTo("Name");
            assertThat(f.value()).isEqualTo("\"Shard-incrementRequest\"");
            assertThat(f.toString()).startsWith("[Deploy-ModelName] Refused/Model Name = \"Shard-incrementRequest\": ")
                    .contains("Model name must be alphanumeric").contains("API_CreateModel.html");
        });
        model.setName("ShardIncrementRequest");
        assertThat(check("Deploy-ModelName", model)).isEmpty();
    }

    @Test
    void modelSchemaSize() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnModel model = CfnModel.Builder.create(stack, "Model").restApiId(api.getRestApiId())
                .contentType("application/json").name("Big")
                .schema(Map.of("type", "object", "description", "x".repeat(400 * 1024))).build();
        assertThat(check("Deploy-ModelSchemaSize", model)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("Schema"));
        model.setSchema(Map.of("type", "object", "description", "x".repeat(400 * 1024 - 100)));
        assertThat(check("Deploy-ModelSchemaSize", model)).isEmpty();
    }

    @Test
    void stageName() {
        Stack stack = stack();
        CfnStage stage = stageOf(plainApi(stack));
        stage.setStageName("v1.2");
        assertThat(check("Deploy-StageName", stage)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("\"v1.2\""));
        stage.setStageName("s".repeat(129));
        assertThat(check("Deploy-StageName", stage)).hasSize(1);
        stage.setStageName("s".repeat(128));
        assertThat(check("Deploy-StageName", stage)).isEmpty();
    }

    @Test
    void stageVariables() {
        Stack stack = stack();
        CfnStage stage = stageOf(plainApi(stack));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("table-name", "t");
        variables.put("sortKey", "");
        variables.put("origin", "a b");
        variables.put("ok_1", "A-z0-9-._~:/?#&=,");
        stage.setVariables(variables);
        assertThat(check("Deploy-StageVariables", stage)).extracting(Finding::property)
                .containsExactly("Variables", "Variables.sortKey", "Variables.origin");
    }

    @Test
    void integerLimits() {
        Stack stack = stack();
        RestApi api = RestApi.Builder.create(stack, "Api").cloudWatchRole(false)
                .deployOptions(StageOptions.builder().throttlingRateLimit(10.5).throttlingBurstLimit(2.5).build())
                .build();
        api.getRoot().addMethod("GET", new MockIntegration());
        assertThat(check("Deploy-IntegerLimits", stageOf(api))).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("MethodSettings[0].ThrottlingBurstLimit");
            assertThat(f.value()).isEqualTo("2.5");
        });
        CfnUsagePlan plan = CfnUsagePlan.Builder.create(stack, "Plan")
                .throttle(CfnUsagePlan.ThrottleSettingsProperty.builder().rateLimit(1.5).burstLimit(7.5).build())
                .quota(CfnUsagePlan.QuotaSettingsProperty.builder().limit(0.5).period("DAY").build()).build();
        assertThat(check("Deploy-IntegerLimits", plan)).extracting(Finding::property)
                .containsExactly("Throttle.BurstLimit", "Quota.Limit");
        plan.setQuota(CfnUsagePlan.QuotaSettingsProperty.builder().limit(3_000_000_000L).period("DAY").build());
        plan.setThrottle(CfnUsagePlan.ThrottleSettingsProperty.builder().rateLimit(1.5).burstLimit(7).build());
        assertThat(check("Deploy-IntegerLimits", plan)).extracting(Finding::property)
                .containsExactly("Quota.Limit");
    }

    @Test
    void stageDependency() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnStage stage = stageOf(api);
        CfnUsagePlan plan = CfnUsagePlan.Builder.create(stack, "Plan").apiStages(List.of(
                CfnUsagePlan.ApiStageProperty.builder().apiId(api.getRestApiId()).stage("prod").build())).build();
        assertThat(check("Deploy-StageDependency", plan)).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("ApiStages[0].Stage");
            assertThat(f.value()).isEqualTo("\"prod\"");
            assertThat(f.problem()).contains("Invalid stage identifier specified");
        });
        plan.addDependency(stage);
        assertThat(check("Deploy-StageDependency", plan)).isEmpty();
    }

    @Test
    void apiKeyValue() {
        Stack stack = stack();
        CfnApiKey key = CfnApiKey.Builder.create(stack, "Key").value("too-short").build();
        assertThat(check("Deploy-ApiKeyValue", key)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("\"9 characters\""));
        key.setValue("k".repeat(20));
        assertThat(check("Deploy-ApiKeyValue", key)).isEmpty();
    }

    @Test
    void authorizerTtl() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnAuthorizer authorizer = CfnAuthorizer.Builder.create(stack, "Authorizer").restApiId(api.getRestApiId())
                .name("a").type("COGNITO_USER_POOLS").providerArns(List.of(Synthesized.USER_POOL_ARN))
                .identitySource("method.request.header.Authorization").authorizerResultTtlInSeconds(7200).build();
        assertThat(check("Deploy-AuthorizerTtl", authorizer)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("7200"));
        authorizer.setAuthorizerResultTtlInSeconds(3600);
        assertThat(check("Deploy-AuthorizerTtl", authorizer)).isEmpty();
    }

    @Test
    void cognitoAuthorizer() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnAuthorizer authorizer = CfnAuthorizer.Builder.create(stack, "Authorizer").restApiId(api.getRestApiId())
                .name("a").type("COGNITO_USER_POOLS")
                .providerArns(List.of("arn:aws:cognito-idp:us-east-1:123:userpool/pool")).build();
        assertThat(check("Deploy-CognitoAuthorizer", authorizer)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("ProviderARNs[0]"));
        authorizer.setProviderArns(List.of());
        assertThat(check("Deploy-CognitoAuthorizer", authorizer)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("ProviderARNs"));
        authorizer.setProviderArns(List.of(Synthesized.USER_POOL_ARN));
        assertThat(check("Deploy-CognitoAuthorizer", authorizer)).isEmpty();
    }

    @Test
    void methodAuthorizer() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnMethod method = CfnMethod.Builder.create(stack, "Method").restApiId(api.getRestApiId())
                .resourceId(api.getRestApiRootResourceId()).httpMethod("POST")
                .authorizationType("COGNITO_USER_POOLS").build();
        assertThat(check("Deploy-MethodAuthorizer", method)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("\"COGNITO_USER_POOLS\""));
        method.setAuthorizationType("AWS_IAM");
        assertThat(check("Deploy-MethodAuthorizer", method)).isEmpty();
    }

    @Test
    void methodReferences() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        RestApi other = RestApi.Builder.create(stack, "Other").cloudWatchRole(false).build();
        other.getRoot().addMethod("GET", new MockIntegration());
        CfnRequestValidator othersValidator = CfnRequestValidator.Builder.create(stack, "OthersValidator")
                .restApiId(other.getRestApiId()).validateRequestBody(true).build();
        CfnMethod method = CfnMethod.Builder.create(stack, "Method").restApiId(api.getRestApiId())
                .resourceId(api.getRestApiRootResourceId()).httpMethod("POST").authorizationType("NONE")
                .requestValidatorId(othersValidator.getRef())
                .requestModels(Map.of("application/json", "IncrementRequest")).build();
        assertThat(check("Deploy-MethodReferences", method)).extracting(Finding::property)
                .containsExactly("RequestValidatorId", "RequestModels.application/json");
        CfnRequestValidator validator = CfnRequestValidator.Builder.create(stack, "Validator")
                .restApiId(api.getRestApiId()).validateRequestBody(true).build();
        CfnModel model = CfnModel.Builder.create(stack, "Model").restApiId(api.getRestApiId())
                .contentType("application/json").name("IncrementRequest").schema(Map.of("type", "object")).build();
        method.setRequestValidatorId(validator.getRef());
        method.setRequestModels(Map.of("application/json", model.getRef()));
        assertThat(check("Deploy-MethodReferences", method)).isEmpty();
        method.setRequestModels(Map.of("application/json", "Empty"));
        assertThat(check("Deploy-MethodReferences", method)).isEmpty();
    }

    @Test
    void accessLogFormat() {
        Stack stack = stack();
        CfnStage stage = stageOf(plainApi(stack));
        stage.setAccessLogSetting(CfnStage.AccessLogSettingProperty.builder()
                .destinationArn("arn:aws:logs:us-east-1:123456789012:log-group:access")
                .format("$context.identity.sourceIp $context.requestIdentity").build());
        assertThat(check("Deploy-AccessLogFormat", stage)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("AccessLogSetting.Format"));
        stage.setAccessLogSetting(CfnStage.AccessLogSettingProperty.builder()
                .destinationArn("arn:aws:logs:us-east-1:123456789012:log-group:access")
                .format("$context.extendedRequestId $context.status").build());
        assertThat(check("Deploy-AccessLogFormat", stage)).isEmpty();
    }

    @Test
    void accessLogDestination() {
        Stack stack = stack();
        CfnStage stage = stageOf(plainApi(stack));
        stage.setAccessLogSetting(CfnStage.AccessLogSettingProperty.builder()
                .destinationArn("arn:aws:firehose:us-east-1:123456789012:deliverystream/access-logs")
                .format("$context.requestId").build());
        assertThat(check("Deploy-AccessLogDestination", stage)).hasSize(1);
        stage.setAccessLogSetting(CfnStage.AccessLogSettingProperty.builder()
                .destinationArn("arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs")
                .format("$context.requestId").build());
        assertThat(check("Deploy-AccessLogDestination", stage)).isEmpty();
    }

    @Test
    void loggingRole() {
        Stack stack = stack();
        RestApi api = RestApi.Builder.create(stack, "Api").cloudWatchRole(false)
                .deployOptions(StageOptions.builder().loggingLevel(MethodLoggingLevel.INFO).build()).build();
        api.getRoot().addMethod("GET", new MockIntegration());
        assertThat(check("Deploy-LoggingRole", stageOf(api))).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("CloudWatch Logs role ARN must be set"));
        // the pack skips it once acknowledged, as the construct does when told the account has the role
        assertThat(DeployRules.check(api)).extracting(Finding::ruleId).contains("Deploy-LoggingRole");
        DeployRules.acknowledge(api, "Deploy-LoggingRole", "the account already has the role");
        assertThat(DeployRules.check(api)).extracting(Finding::ruleId).doesNotContain("Deploy-LoggingRole");
        // with the account setting in the stack, the stage must wait for it
        Stack withRole = stack();
        RestApi logged = RestApi.Builder.create(withRole, "Api").cloudWatchRole(true)
                .deployOptions(StageOptions.builder().loggingLevel(MethodLoggingLevel.INFO).build()).build();
        logged.getRoot().addMethod("GET", new MockIntegration());
        assertThat(check("Deploy-LoggingRole", stageOf(logged))).isEmpty();
    }

    @Test
    void mappingTemplateSize() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        api.getRoot().addResource("huge").addMethod("GET", new MockIntegration(IntegrationOptions.builder()
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}" + " ".repeat(310_000)))
                .integrationResponses(List.of(IntegrationResponse.builder().statusCode("200").build()))
                .build()), MethodOptions.builder()
                .methodResponses(List.of(MethodResponse.builder().statusCode("200").build())).build());
        List<Finding> findings = DeployRules.check(api);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("Deploy-MappingTemplateSize")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path()).isEqualTo("Refused/Api/Default/huge/GET/Resource");
                    assertThat(f.property()).isEqualTo("Integration.RequestTemplates.application/json");
                    assertThat(f.value()).isEqualTo("\"310019 bytes\"");
                    assertThat(f.problem()).contains("300 KB");
                });
        // bytes, not characters: 'é' is two bytes in UTF-8
        assertThat(MappingTemplateSizeRule.problems("t", "x".repeat(300 * 1024))).isEmpty();
        assertThat(MappingTemplateSizeRule.problems("t", "é".repeat(150 * 1024 + 1))).hasSize(1);
    }

    @Test
    void gatewayResponseTemplate() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        api.addGatewayResponse("Custom", GatewayResponseOptions.builder().type(ResponseType.ACCESS_DENIED)
                .templates(Map.of("application/json", "#set($m = 'no')\n{\"message\": \"$m\"}")).build());
        assertThat(DeployRules.check(api)).filteredOn(f -> f.ruleId().equals("Deploy-GatewayResponseTemplate"))
                .singleElement().satisfies(f -> assertThat(f.problem()).contains("gateway response ACCESS_DENIED: "
                        + "'#s' is VTL"));
        for (String vtl : List.of("## a comment", "#* block *#", "$util.escapeJavaScript($x)", "$map.get('a')",
                "$!context.error.message", "${context.error.message}", "#if($x)a#end", "#{if}")) {
            assertThat(GatewayResponseTemplateRule.problems("T", vtl)).as(vtl).isNotEmpty();
        }
        assertThat(GatewayResponseTemplateRule.problems("T",
                "{\"a\": \"# 1\", \"b\": \"$5\", \"m\": $context.error.messageString}")).isEmpty();
    }

    @Test
    void responseMapping() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        api.getRoot().addResource("teapot").addMethod("GET", new MockIntegration(IntegrationOptions.builder()
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
                .integrationResponses(List.of(
                        IntegrationResponse.builder().statusCode("200")
                                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin",
                                        "'*'")).build(),
                        IntegrationResponse.builder().statusCode("418").selectionPattern("4\\d{2}").build()))
                .build()), MethodOptions.builder()
                .methodResponses(List.of(MethodResponse.builder().statusCode("200").build())).build());
        assertThat(DeployRules.check(api)).filteredOn(f -> f.ruleId().equals("Deploy-ResponseMapping"))
                .extracting(Finding::property).containsExactly("Integration.IntegrationResponses[0].ResponseParameters",
                        "Integration.IntegrationResponses[1].StatusCode");
    }

    @Test
    void privateApiPolicy() {
        Stack stack = stack();
        RestApi api = RestApi.Builder.create(stack, "Api").cloudWatchRole(false)
                .endpointTypes(List.of(EndpointType.PRIVATE)).build();
        api.getRoot().addMethod("GET", new MockIntegration());
        CfnRestApi restApi = (CfnRestApi) api.getNode().getDefaultChild();
        assertThat(check("Deploy-PrivateApiPolicy", restApi)).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("Policy");
            assertThat(f.problem()).contains("Private REST API doesn't have a resource policy attached to it");
        });
        restApi.setPolicy(Map.of("Version", "2012-10-17", "Statement", List.of()));
        assertThat(check("Deploy-PrivateApiPolicy", restApi)).isEmpty();
        // a regional API needs none
        assertThat(check("Deploy-PrivateApiPolicy", (CfnRestApi) plainApi(stack()).getNode().getDefaultChild()))
                .isEmpty();
    }

    @Test
    void domainCertificate() {
        Stack stack = new Stack(new App(), "Refused", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        CfnDomainName edge = CfnDomainName.Builder.create(stack, "Edge").domainName("a.example.com")
                .certificateArn(CERTIFICATE_ARN.replace("us-east-1", "eu-west-1")).build();
        assertThat(check("Deploy-DomainCertificate", edge)).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("CertificateArn");
            assertThat(f.problem()).contains("us-east-1, not eu-west-1");
        });
        edge.setCertificateArn(CERTIFICATE_ARN);
        assertThat(check("Deploy-DomainCertificate", edge)).isEmpty();
        CfnDomainName regional = CfnDomainName.Builder.create(stack, "Regional").domainName("b.example.com")
                .endpointConfiguration(CfnDomainName.EndpointConfigurationProperty.builder()
                        .types(List.of("REGIONAL")).build())
                .certificateArn(CERTIFICATE_ARN.replace("us-east-1", "eu-west-1")).build();
        assertThat(check("Deploy-DomainCertificate", regional)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("RegionalCertificateArn"));
        regional.setRegionalCertificateArn(CERTIFICATE_ARN);
        assertThat(check("Deploy-DomainCertificate", regional)).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("eu-west-1, not us-east-1"));
        regional.setRegionalCertificateArn(CERTIFICATE_ARN.replace("us-east-1", "eu-west-1"));
        assertThat(check("Deploy-DomainCertificate", regional)).isEmpty();
    }

    @Test
    void basePath() {
        Stack stack = stack();
        RestApi api = plainApi(stack);
        CfnBasePathMapping mapping = CfnBasePathMapping.Builder.create(stack, "Mapping").domainName("a.example.com")
                .restApiId(api.getRestApiId()).basePath("orders/v1").build();
        assertThat(check("Deploy-BasePath", mapping)).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("\"orders/v1\"");
            assertThat(f.problem()).contains("AWS::ApiGatewayV2::ApiMapping");
        });
        mapping.setBasePath("orders v1");
        assertThat(check("Deploy-BasePath", mapping)).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("letters, digits and $-_.+!*'()"));
        for (String fine : List.of("orders", "v1.2_$-+!*'()", "(none)")) {
            mapping.setBasePath(fine);
            assertThat(check("Deploy-BasePath", mapping)).as(fine).isEmpty();
        }
    }

    @Test
    void webAclScope() {
        Stack stack = stack();
        CfnStage stage = stageOf(plainApi(stack));
        CfnWebACLAssociation association = CfnWebACLAssociation.Builder.create(stack, "Association")
                .resourceArn(stage.getRef())
                .webAclArn(WEB_ACL_ARN.replace(":regional/", ":global/")).build();
        assertThat(check("Deploy-WebAclScope", association)).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("WebACLArn"));
        CfnWebACL cloudFront = CfnWebACL.Builder.create(stack, "Acl").scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(CfnWebACL.VisibilityConfigProperty.builder().cloudWatchMetricsEnabled(true)
                        .metricName("acl").sampledRequestsEnabled(true).build()).build();
        association.setWebAclArn(cloudFront.getAttrArn());
        assertThat(check("Deploy-WebAclScope", association)).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("\"CLOUDFRONT\""));
        cloudFront.setScope("REGIONAL");
        assertThat(check("Deploy-WebAclScope", association)).isEmpty();
        association.setWebAclArn(WEB_ACL_ARN);
        assertThat(check("Deploy-WebAclScope", association)).isEmpty();
    }

    @Test
    void templateSize() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "deploy-rules-test"));
        Path big = dir.resolve("Big.template.json");
        Files.writeString(big, "{\"Description\": \"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(TemplateSizeRule.problem(big)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("[Deploy-TemplateSize] Big.template.json is 1048595 bytes").contains("1 MB"));
        Path fits = dir.resolve("Fits.template.json");
        Files.writeString(fits, "x".repeat(1024 * 1024));
        assertThat(TemplateSizeRule.problem(fits)).isEmpty();
    }

    // ---- through synthesis

    @Test
    void synthesisFailsWithTheRuleIdTheResourceAndTheValue() {
        App app = new App();
        CounterStack stack = CounterApp.addStack(app);
        ((CfnStage) stack.getCounters().getApi().getDeploymentStage().getNode().getDefaultChild())
                .setStageName("v1.2");
        assertThatThrownBy(() -> CounterApp.synthesize(app, stack))
                .hasMessageContaining("[Deploy-StageName] AtomicCounters/Counters/Resource/DeploymentStage.v1/Resource "
                        + "StageName = \"v1.2\"");
    }

    @Test
    void aRuleThatCannotRunFailsSynthesisInsteadOfPassing() {
        App app = new App();
        Stack stack = new Stack(app, "S");
        RestApi api = plainApi(stack);
        DeployRule broken = new BaseRule("Deploy-Broken", "throws", "https://example.com") {
            @Override
            public List<Finding> check(CfnResource resource, StackResources resources) {
                throw new IllegalStateException("cannot read " + resource.getNode().getPath());
            }
        };
        DeployRules.addTo(api, List.of(broken));
        assertThat(api.getNode().validate()).singleElement().asString()
                .startsWith("[deploy-rules] the deploy rules could not check S/Api: ")
                .contains("cannot read S/Api/Resource");
        assertThatThrownBy(app::synth).hasMessageContaining("the deploy rules could not check S/Api");
    }
}
