package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomiccounters.cdk.rules.GatewayResponseTemplateRule;
import io.github.atomiccounters.testing.Golden;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The default deployment (IAM auth, new table): every property that matters, and a golden snapshot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterStackTest {
    private Synth synth;
    private Map<String, Map<String, Object>> methodsByRoute;

    @BeforeAll
    void synthesize() {
        synth = Synth.of(Synthesized.DEFAULT);
        methodsByRoute = Routes.methodsByRoute(synth.template.toJSON());
    }

    static List<Route> routes() {
        return AtomicCounterApi.ROUTES;
    }

    @ParameterizedTest
    @MethodSource("routes")
    void everyRouteIsOneDynamoDbActionMappedByItsFiles(Route route) {
        Map<String, Object> method = methodsByRoute.get(route.httpMethod() + " " + route.path());
        assertThat(method).as(route.httpMethod() + " " + route.path()).isNotNull();
        assertThat(method.get("AuthorizationType")).isEqualTo("AWS_IAM");
        assertThat(method.get("RequestValidatorId")).isNotNull();
        assertThat(method.get("RequestParameters")).isEqualTo(
                AtomicCounterApi.IDEMPOTENT_ROUTES.contains(route.httpMethod() + " " + route.path())
                        ? Map.of("method.request.path.name", true, "method.request.header.Idempotency-Key", false)
                        : Map.of("method.request.path.name", true));

        Map<String, Object> integration = Routes.map(method.get("Integration"));
        assertThat(integration.get("Type")).isEqualTo("AWS");
        assertThat(integration.get("IntegrationHttpMethod")).isEqualTo("POST");
        assertThat(integration.get("PassthroughBehavior")).isEqualTo("NEVER");
        if (AtomicCounterApi.ACTION_SWITCHING_ROUTES.contains(route.httpMethod() + " " + route.path())) {
            // path-style: the action is a static X-Amz-Target integration request header the template may override
            assertThat(Routes.joined(integration.get("Uri"))).endsWith(":dynamodb:path//");
            assertThat(integration.get("RequestParameters")).isEqualTo(Map.of(
                    "integration.request.header.X-Amz-Target", "'DynamoDB_20120810." + route.action() + "'",
                    "integration.request.header.Content-Type", "'application/x-amz-json-1.0'"));
        } else {
            assertThat(Routes.joined(integration.get("Uri"))).endsWith(":dynamodb:action/" + route.action());
            assertThat(integration).doesNotContainKey("RequestParameters");
            assertThat(TemplateFiles.read(route.requestTemplate())).doesNotContain("requestOverride");
        }
        assertThat(integration.get("RequestTemplates"))
                .isEqualTo(Map.of("application/json", TemplateFiles.read(route.requestTemplate())));

        List<Map<String, Object>> responses = Routes.list(integration.get("IntegrationResponses"));
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0)).doesNotContainKey("SelectionPattern");
        assertThat(responses.get(0).get("StatusCode")).isEqualTo(route.successStatus());
        assertThat(responses.get(0).get("ResponseTemplates"))
                .isEqualTo(Map.of("application/json", TemplateFiles.read(route.responseTemplate())));
        assertThat(responses.get(1).get("SelectionPattern")).isEqualTo("4\\d{2}");
        assertThat(responses.get(2).get("SelectionPattern")).isEqualTo("5\\d{2}");
        for (Map<String, Object> error : responses.subList(1, 3)) {
            assertThat(error.get("ResponseTemplates"))
                    .isEqualTo(Map.of("application/json", TemplateFiles.read(AtomicCounterApi.ERROR_TEMPLATE)));
        }

        if (route.model() == null) {
            assertThat(method).doesNotContainKey("RequestModels");
        } else {
            String modelRef = Routes.ref(Routes.map(method.get("RequestModels")).get("application/json"));
            Map<String, Object> model = Synth.props(synth.template.findResources("AWS::ApiGateway::Model")
                    .get(modelRef));
            assertThat(model.get("Schema")).isEqualTo(TemplateFiles.readSchema(route.model()));
            assertThat(model.get("ContentType")).isEqualTo("application/json");
        }
    }

    @Test
    void incrementTakesARateLimitWindowThatRequiresMaxAndMayAnswer409WithRetryAfter() {
        Map<String, Object> method = methodsByRoute.get("POST /counters/{name}/increment");
        Map<String, Object> conflict = Routes.list(method.get("MethodResponses")).stream()
                .filter(r -> "409".equals(r.get("StatusCode"))).findFirst().orElseThrow();
        assertThat(Routes.map(conflict.get("ResponseParameters")))
                .containsEntry("method.response.header.Retry-After", false);
        Map<String, Object> ok = Routes.list(method.get("MethodResponses")).stream()
                .filter(r -> "200".equals(r.get("StatusCode"))).findFirst().orElseThrow();
        assertThat(ok.toString()).doesNotContain("Retry-After");

        Map<String, Object> schema = TemplateFiles.readSchema("models/increment.json");
        assertThat(Routes.map(Routes.map(schema.get("properties")).get("window")))
                .containsEntry("type", "integer").containsEntry("minimum", 1).containsEntry("maximum", 86400);
        assertThat(Routes.map(schema.get("dependencies"))).containsEntry("window", List.of("max"));
    }

    @Test
    void nextTakesAnIdempotencyKeyInOneUpdateItemSoItsAnswerCarriesTheIds() {
        Map<String, Object> method = methodsByRoute.get("POST /counters/{name}/next");
        assertThat(Routes.map(method.get("RequestParameters")))
                .containsEntry("method.request.header.Idempotency-Key", false);
        Map<String, Object> integration = Routes.map(method.get("Integration"));
        assertThat(Routes.joined(integration.get("Uri"))).endsWith(":dynamodb:action/UpdateItem");
        String next = (String) Routes.map(integration.get("RequestTemplates")).get("application/json");
        // no action override (a transaction returns no values); a repeat is told apart by the item as it was
        assertThat(next).doesNotContain("requestOverride").contains("\"ReturnValues\": \"UPDATED_NEW\"")
                .contains("\"ReturnValuesOnConditionCheckFailure\": \"ALL_OLD\"").contains("nextKeys");
        // the maps of keys are created by set, the route the error tells an unprepared sequence to call
        String put = (String) Routes.map(Routes.map(methodsByRoute.get("PUT /counters/{name}").get("Integration"))
                .get("RequestTemplates")).get("application/json");
        for (int day = 0; day < 4; day++) {
            assertThat(put).contains("#k" + day + " = if_not_exists(#k" + day + ", :empty)")
                    .contains("\"#k" + day + "\": \"nextKeys" + day + "\"");
        }
        // a sequence whose item holds no more keys answers 429 with Retry-After
        Map<String, Object> tooMany = Routes.list(method.get("MethodResponses")).stream()
                .filter(r -> "429".equals(r.get("StatusCode"))).findFirst().orElseThrow();
        assertThat(Routes.map(tooMany.get("ResponseParameters")))
                .containsEntry("method.response.header.Retry-After", true);
    }

    @Test
    void theShardCountContextOptionReachesTheTemplatesAsAStageVariable() {
        Map<String, Object> stage = Synth.of(Synthesized.THREE_SHARDS).only("AWS::ApiGateway::Stage");
        assertThat(Routes.map(stage.get("Variables"))).containsEntry("shardCount", "3");
    }

    @Test
    void theValidatorChecksBodiesAndParameters() {
        Map<String, Object> validator = synth.only("AWS::ApiGateway::RequestValidator");
        assertThat(validator).containsEntry("ValidateRequestBody", true).containsEntry("ValidateRequestParameters", true);
    }

    @Test
    void integrationRoleHasOneStatementPerActionOnTheTableArnOnly() {
        Map<String, Object> policy = synth.only("AWS::IAM::Policy");
        List<Map<String, Object>> statements = Routes.list(Routes.map(policy.get("PolicyDocument")).get("Statement"));
        String table = synth.template.findResources("AWS::DynamoDB::Table").keySet().iterator().next();
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(table, "Arn"));
        assertThat(statements).containsExactly(
                Map.of("Sid", "GetItem", "Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", tableArn),
                Map.of("Sid", "UpdateItem", "Effect", "Allow", "Action", "dynamodb:UpdateItem", "Resource", tableArn),
                Map.of("Sid", "DeleteItem", "Effect", "Allow", "Action", "dynamodb:DeleteItem", "Resource", tableArn),
                Map.of("Sid", "Query", "Effect", "Allow", "Action", "dynamodb:Query", "Resource", tableArn));
        // attached to the integration role, which only API Gateway can assume
        String roleRef = Routes.ref(Routes.list(policy.get("Roles")).get(0));
        Map<String, Object> role = Synth.props(synth.template.findResources("AWS::IAM::Role").get(roleRef));
        assertThat(role.toString()).contains("apigateway.amazonaws.com").doesNotContain("ManagedPolicyArns");
    }

    @Test
    void tableIsKeptOnDeleteButNotAfterAFailedCreateRecoverableEncryptedAndExpiring() {
        Map<String, Map<String, Object>> tables = synth.template.findResources("AWS::DynamoDB::Table");
        assertThat(tables).hasSize(1);
        Map<String, Object> resource = tables.values().iterator().next();
        // a rolled-back first deploy removes it; a delete or a replacement keeps it (docs/deploying.md)
        assertThat(resource.get("DeletionPolicy")).isEqualTo("RetainExceptOnCreate");
        assertThat(resource.get("UpdateReplacePolicy")).isEqualTo("Retain");
        Map<String, Object> table = Synth.props(resource);
        assertThat(table.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")));
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.get("PointInTimeRecoverySpecification"))
                .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        // no deletion protection: a protected table "cannot be deleted by any user or process", so the rollback of a
        // failed first deploy could not remove it
        assertThat(table).doesNotContainKey("DeletionProtectionEnabled");
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("SSEEnabled", true));
        assertThat(table.get("TimeToLiveSpecification"))
                .isEqualTo(Map.of("AttributeName", AtomicCounterApi.TTL_ATTRIBUTE, "Enabled", true));
    }

    @Test
    void stageLogsTracesThrottlesAndPassesTableNamesToTheTemplates() {
        Map<String, Object> stage = synth.only("AWS::ApiGateway::Stage");
        assertThat(stage.get("StageName")).isEqualTo("v1");
        assertThat(stage.get("TracingEnabled")).isEqualTo(true);
        Map<String, Object> settings = Routes.list(stage.get("MethodSettings")).get(0);
        assertThat(settings).containsEntry("LoggingLevel", "ERROR").containsEntry("DataTraceEnabled", false)
                .containsEntry("ThrottlingRateLimit", 100).containsEntry("ThrottlingBurstLimit", 200)
                .containsEntry("HttpMethod", "*").containsEntry("ResourcePath", "/*");
        String format = (String) Routes.map(stage.get("AccessLogSetting")).get("Format");
        assertThat(format).startsWith("{").contains("\"status\":\"$context.status\"");
        String table = synth.template.findResources("AWS::DynamoDB::Table").keySet().iterator().next();
        assertThat(stage.get("Variables")).isEqualTo(Map.of("tableName", Map.of("Ref", table),
                "partitionKey", "pk", "sortKey", "sk", "sortKeyValue", "counter", "shardCount", "10",
                "valueAttribute", "value"));
        Map<String, Object> logGroup = synth.only("AWS::Logs::LogGroup");
        assertThat(logGroup.get("RetentionInDays")).isEqualTo(365);
    }

    @Test
    void alarmsWatchServerErrorsLatencyAndDynamoDbThrottlesOfEveryActionUsed() {
        Map<String, Map<String, Object>> alarms = synth.template.findResources("AWS::CloudWatch::Alarm");
        String all = alarms.toString();
        assertThat(alarms).hasSize(3);
        assertThat(all).contains("5XXError").contains("Latency").contains("ThrottledRequests");
        // every DynamoDB operation the integrations call, including the transactions of idempotent updates
        Map<String, Object> throttles = alarms.values().stream().map(Synth::props)
                .filter(a -> String.valueOf(a.get("Metrics")).contains("ThrottledRequests")).findFirst().orElseThrow();
        List<String> operations = Routes.list(throttles.get("Metrics")).stream()
                .filter(m -> m.containsKey("MetricStat"))
                .map(m -> Routes.list(Routes.map(Routes.map(m.get("MetricStat")).get("Metric")).get("Dimensions"))
                        .stream().filter(d -> "Operation".equals(d.get("Name"))).findFirst().orElseThrow()
                        .get("Value").toString())
                .toList();
        assertThat(operations).containsExactlyInAnyOrder("GetItem", "UpdateItem", "DeleteItem", "Query",
                "TransactWriteItems");
    }

    @Test
    void everyGatewayErrorIsItsOwnJsonAnswerWithAConstantCode() throws Exception {
        Map<String, Map<String, Object>> responses = synth.template.findResources("AWS::ApiGateway::GatewayResponse");
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        responses.values().forEach(r -> byType.put((String) Synth.props(r).get("ResponseType"), Synth.props(r)));
        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(AtomicCounterApi.GATEWAY_ANSWERS.stream()
                .map(AtomicCounterApi.GatewayAnswer::responseType).toList());
        ObjectMapper json = new ObjectMapper();
        for (AtomicCounterApi.GatewayAnswer answer : AtomicCounterApi.GATEWAY_ANSWERS) {
            Map<String, Object> response = byType.get(answer.responseType());
            String template = (String) Routes.map(response.get("ResponseTemplates")).get("application/json");
            assertThat(template).as(answer.responseType()).isEqualTo(TemplateFiles.read(answer.file()));
            // no VTL: AWS substitutes variables only. After substitution (messageString arrives quoted) it is JSON.
            assertThat(GatewayResponseTemplateRule.problems(answer.responseType(), template)).isEmpty();
            String substituted = template.replace("$context.error.messageString", "\"Some \\\"quoted\\\" text\"");
            assertThat(substituted).as(answer.responseType()).doesNotContain("$");
            assertThat(json.readTree(substituted).get("error").asText()).as(answer.responseType()).isNotBlank();
            Map<String, Object> headers = Routes.map(response.getOrDefault("ResponseParameters", Map.of()));
            if (answer.retryAfter() == null) {
                assertThat(headers).doesNotContainKey("gatewayresponse.header.Retry-After");
            } else {
                assertThat(headers).containsEntry("gatewayresponse.header.Retry-After", "'" + answer.retryAfter() + "'");
            }
        }
        // and the emulator renders every API Gateway error through them as AWS would: JSON with its code
        GatewayAnswers.assertEveryErrorIsJsonWithItsCode(synth.template.toJSON());
    }

    @Test
    void theCreatedTableHasTtlSoNoWarningAboutIt() {
        assertThat(Synth.props(synth.template.findResources("AWS::DynamoDB::Table").values().iterator().next())
                .get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", true));
        assertThat(synth.warnings(".*enable TTL.*")).isEmpty();
    }

    @Test
    void outputsGiveTheUrlAndTheTable() {
        assertThat(synth.template.findOutputs("*")).containsOnlyKeys("ApiUrl", "TableName");
    }

    @Test
    void cdkNagAwsSolutionsIsClean() {
        assertThat(synth.nagFindings()).isEmpty();
    }

    /**
     * The whole template against a reviewed golden file. Regenerate on purpose only:
     * {@code mvn test -Dtest=CounterStackTest -Dsnapshot.update=true} writes it and fails (so that mode is never
     * green); review the diff, then run again without the flag.
     */
    @Test
    void matchesTheGoldenSnapshot() throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        String actual = json.writeValueAsString(synth.template.toJSON()) + "\n";
        Golden.assertMatches(Path.of("test/resources/snapshots/AtomicCounters.template.json"), actual);
    }
}
