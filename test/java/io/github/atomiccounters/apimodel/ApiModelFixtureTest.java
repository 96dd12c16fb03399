package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Reads a hand-made template in the shape CDK synthesizes (test/resources/apimodel/counters-stack.template.json). */
class ApiModelFixtureTest {

    static final String TABLE_ID = "CountersTableE5C5F6A1";
    static final String TABLE = "AtomicCountersStack-" + TABLE_ID;
    static final LocalFacts FACTS = new LocalFacts("eu-west-1", "123456789012", "aws", "AtomicCountersStack");

    static Path fixture;
    static JsonNode template;
    static ApiModel model;

    @BeforeAll
    static void read() throws URISyntaxException {
        fixture = Path.of(ApiModelFixtureTest.class.getResource("/apimodel/counters-stack.template.json").toURI());
        template = ApiModel.readTemplate(fixture);
        model = ApiModel.fromTemplate(template, FACTS);
    }

    private static ApiMethod method(String path, String httpMethod) {
        ApiResource r = model.api().resource(path).orElseThrow(() -> new AssertionError("no resource " + path));
        ApiMethod m = r.methods().get(httpMethod);
        assertThat(m).as(httpMethod + " " + path).isNotNull();
        return m;
    }

    @Test
    void apiNameAndStage() {
        RestApi api = model.api();
        assertThat(api.name()).isEqualTo("atomic-counters");
        assertThat(api.stageName()).isEqualTo("prod");
        assertThat(api.stageThrottle()).isEqualTo(new Throttle(100, 200));
    }

    @Test
    void stageVariablesAreResolved() {
        assertThat(model.api().stageVariables()).containsExactly(
                entry("tableName", TABLE),
                entry("tableArn", "arn:aws:dynamodb:eu-west-1:123456789012:table/" + TABLE),
                entry("region", "eu-west-1"),
                entry("maxIncrement", "1000"));
    }

    @Test
    void resourcePathsAndPathParameters() {
        List<ApiResource> resources = model.api().resources();
        assertThat(resources).extracting(ApiResource::path)
                .containsExactly("/", "/counters", "/counters/{name}", "/counters/{name}/increment");
        assertThat(resources).extracting(ApiResource::pathParameterNames)
                .containsExactly(List.of(), List.of(), List.of("name"), List.of("name"));
        assertThat(resources).extracting(r -> List.copyOf(r.methods().keySet())).containsExactly(
                List.of("OPTIONS"), List.of("GET"), List.of("DELETE", "GET", "OPTIONS"), List.of("POST"));
    }

    @Test
    void incrementMethod() {
        ApiMethod post = method("/counters/{name}/increment", "POST");
        assertThat(post.httpMethod()).isEqualTo("POST");
        assertThat(post.authorizationType()).isEqualTo("NONE");
        assertThat(post.apiKeyRequired()).isTrue();
        assertThat(post.authorizerType()).isNull();
        assertThat(post.validator()).isEqualTo(new RequestValidatorModel("increment-validator", true, true));
        assertThat(post.requestParameters()).containsExactly(entry("method.request.path.name", true));

        assertThat(post.requestModels()).containsOnlyKeys("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) post.requestModels().get("application/json");
        assertThat(schema).containsEntry("title", "IncrementRequest")
                .containsEntry("type", "object")
                .containsEntry("additionalProperties", false)
                .containsEntry("properties", Map.of("by", Map.of("maximum", 1000, "minimum", 1, "type", "integer")));

        Integration in = post.integration();
        assertThat(in.type()).isEqualTo("AWS");
        assertThat(in.httpMethod()).isEqualTo("POST");
        assertThat(in.uri()).isEqualTo("arn:aws:apigateway:eu-west-1:dynamodb:action/UpdateItem");
        assertThat(in.awsService()).isEqualTo("dynamodb");
        assertThat(in.action()).isEqualTo("UpdateItem");
        assertThat(in.credentials()).isEqualTo("arn:aws:iam::123456789012:role/AtomicCountersStack-CountersApiIntegrationRole3F1A2B4C");
        assertThat(in.passthroughBehavior()).isEqualTo("NEVER");
        assertThat(in.requestTemplates()).containsOnlyKeys("application/json");
        String vtl = in.requestTemplates().get("application/json");
        assertThat(vtl).startsWith("#set($by = $util.defaultIfNull($input.path('$.by'), 1))\n{\n")
                .contains("\"TableName\": \"" + TABLE + "\",\n")
                .contains("\"UpdateExpression\": \"ADD #v :by\"")
                .endsWith("\"ReturnValues\": \"UPDATED_NEW\"\n}");

        assertThat(in.responses()).extracting(IntegrationResponse::statusCode).containsExactly("200", "400", "500");
        assertThat(in.responses()).extracting(IntegrationResponse::selectionPattern).containsExactly(null, "4\\d{2}", "5\\d{2}");
        assertThat(in.defaultResponse().statusCode()).isEqualTo("200");
        assertThat(in.responses().get(0).responseParameters())
                .containsExactly(entry("method.response.header.Access-Control-Allow-Origin", "'*'"));
        assertThat(in.responses().get(0).responseTemplates().get("application/json"))
                .isEqualTo("{\"name\": \"$input.params('name')\", \"value\": $input.path('$.Attributes.value.N')}");
        assertThat(in.responses().get(1).responseTemplates().get("application/json"))
                .isEqualTo("{\"message\": $input.json('$.message')}");

        assertThat(post.methodResponses()).extracting(MethodResponse::statusCode).containsExactly("200", "400", "500");
        assertThat(post.methodResponses().get(0).responseModels()).containsExactly(entry("application/json", "CounterResponse"));
        assertThat(post.methodResponses().get(1).responseModels()).containsExactly(entry("application/json", "Empty"));
        assertThat(post.methodResponses().get(0).responseParameters())
                .containsExactly(entry("method.response.header.Access-Control-Allow-Origin", true));
    }

    @Test
    void getCounterMethodUsesStageVariableTemplateAndIntegrationParameters() {
        ApiMethod get = method("/counters/{name}", "GET");
        assertThat(get.authorizationType()).isEqualTo("NONE");
        assertThat(get.apiKeyRequired()).isFalse();
        assertThat(get.validator()).isNull();
        assertThat(get.requestModels()).isEmpty();
        assertThat(get.requestParameters()).containsExactly(
                entry("method.request.path.name", true), entry("method.request.querystring.consistent", false));
        Integration in = get.integration();
        assertThat(in.action()).isEqualTo("GetItem");
        assertThat(in.passthroughBehavior()).isEqualTo("WHEN_NO_TEMPLATES");
        assertThat(in.requestTemplates().get("application/json"))
                .contains("\"TableName\": \"$stageVariables.tableName\"")
                .contains("$util.escapeJavaScript($input.params('name'))");
        assertThat(in.requestParameters())
                .containsExactly(entry("integration.request.header.X-Counter-Name", "method.request.path.name"));
        assertThat(in.responses().get(0).responseParameters()).containsExactly(
                entry("method.response.header.Access-Control-Allow-Origin", "'*'"),
                entry("method.response.header.Cache-Control", "'no-store'"));
        assertThat(in.responses().get(0).responseTemplates().get("application/json"))
                .contains("#set($context.responseOverride.status = 404)");
    }

    @Test
    void listMethodWithIamAuthAndFnSubTemplate() {
        ApiMethod list = method("/counters", "GET");
        assertThat(list.authorizationType()).isEqualTo("AWS_IAM");
        assertThat(list.apiKeyRequired()).isFalse();
        assertThat(list.integration().action()).isEqualTo("Scan");
        assertThat(list.integration().requestTemplates().get("application/json")).isEqualTo(
                "{\"TableName\": \"" + TABLE + "\", \"Limit\": 100, \"ReturnConsumedCapacity\": \"NONE\", \"Region\": \"eu-west-1\"}");
    }

    @Test
    void deleteMethodWithCognitoAuthorizer() {
        ApiMethod delete = method("/counters/{name}", "DELETE");
        assertThat(delete.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
        assertThat(delete.authorizerType()).isEqualTo("COGNITO_USER_POOLS");
        Integration in = delete.integration();
        assertThat(in.action()).isEqualTo("DeleteItem");
        assertThat(in.requestTemplates().get("application/json")).startsWith("{\"TableName\": \"" + TABLE + "\", \"Key\"");
        assertThat(in.responses().get(0)).isEqualTo(new IntegrationResponse("204", null, Map.of("application/json", ""), Map.of()));
        assertThat(delete.methodResponses()).containsExactly(
                new MethodResponse("204", Map.of(), Map.of()),
                new MethodResponse("400", Map.of(), Map.of()),
                new MethodResponse("500", Map.of(), Map.of()));
    }

    @Test
    void corsPreflightIsAMockIntegration() {
        ApiMethod options = method("/counters/{name}", "OPTIONS");
        assertThat(options.authorizationType()).isEqualTo("NONE");
        Integration in = options.integration();
        assertThat(in.type()).isEqualTo("MOCK");
        assertThat(in.httpMethod()).isNull();
        assertThat(in.uri()).isNull();
        assertThat(in.awsService()).isNull();
        assertThat(in.action()).isNull();
        assertThat(in.credentials()).isNull();
        assertThat(in.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
        assertThat(in.requestTemplates()).containsExactly(entry("application/json", "{ statusCode: 200 }"));
        assertThat(in.responses()).hasSize(1);
        IntegrationResponse r = in.responses().get(0);
        assertThat(r.statusCode()).isEqualTo("204");
        assertThat(r.selectionPattern()).isNull();
        assertThat(r.responseParameters()).containsExactly(
                entry("method.response.header.Access-Control-Allow-Headers",
                        "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent'"),
                entry("method.response.header.Access-Control-Allow-Origin", "'*'"),
                entry("method.response.header.Access-Control-Allow-Methods", "'OPTIONS,GET,DELETE'"));
        assertThat(options.methodResponses()).hasSize(1);
        assertThat(options.methodResponses().get(0).responseParameters()).hasSize(3).containsValues(true);
        assertThat(method("/", "OPTIONS").integration().responses().get(0).responseParameters())
                .containsEntry("method.response.header.Access-Control-Allow-Methods", "'OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD'");
    }

    @Test
    void gatewayResponses() {
        Map<String, GatewayResponse> g = model.api().gatewayResponses();
        assertThat(g).containsOnlyKeys("DEFAULT_4XX", "BAD_REQUEST_BODY");
        GatewayResponse d4 = g.get("DEFAULT_4XX");
        assertThat(d4.responseType()).isEqualTo("DEFAULT_4XX");
        assertThat(d4.statusCode()).isNull();
        assertThat(d4.responseParameters()).containsExactly(
                entry("gatewayresponse.header.Access-Control-Allow-Origin", "'*'"),
                entry("gatewayresponse.header.Access-Control-Allow-Headers", "'*'"));
        assertThat(d4.responseTemplates()).containsExactly(entry("application/json", "{\"message\": $context.error.messageString}"));
        assertThat(g.get("BAD_REQUEST_BODY").statusCode()).isEqualTo("422");
        assertThat(g.get("BAD_REQUEST_BODY").responseTemplates().get("application/json"))
                .contains("$context.error.validationErrorString");
    }

    @Test
    void apiKeysAndUsagePlans() {
        assertThat(model.api().apiKeys()).containsExactly(new ApiKeyModel("counters-default-key", null, true));
        assertThat(model.api().usagePlans()).containsExactly(new UsagePlanModel("counters-basic",
                new Throttle(10, 20), new Quota(10000, "DAY"), List.of("counters-default-key")));
    }

    @Test
    void tables() {
        assertThat(model.tables()).containsExactly(
                new TableModel(TABLE_ID, TABLE, "pk", "S", "sk", "S", "expiresAt"));
        assertThat(model.table(TABLE_ID)).isPresent();
        assertThat(model.tableNamed(TABLE)).isPresent();
        assertThat(model.tableNamed("nope")).isEmpty();
    }

    @Test
    void outputs() {
        String apiId = IntrinsicResolver.shortId("AtomicCountersStack/CountersApi9D1E2F3A");
        assertThat(model.outputs()).containsExactly(
                entry("CountersApiEndpoint4A5B6C7D", "https://" + apiId + ".execute-api.eu-west-1.amazonaws.com/prod/"),
                entry("TableName", TABLE),
                entry("TableArn", "arn:aws:dynamodb:eu-west-1:123456789012:table/" + TABLE),
                entry("Partition", "standard"));
        assertThat(apiId).matches("[a-z0-9]{10}");
    }

    @Test
    void chinaPartitionFlipsConditionsAndSuffix() {
        ApiModel cn = ApiModel.fromTemplate(template, new LocalFacts("cn-north-1", "123456789012", "aws-cn", "S"));
        assertThat(cn.outputs()).containsEntry("Partition", "china").containsEntry("OnlyInChina", "cn");
        assertThat(cn.outputs().get("CountersApiEndpoint4A5B6C7D")).endsWith(".execute-api.cn-north-1.amazonaws.com.cn/prod/");
        assertThat(method("/counters/{name}/increment", "POST").integration().uri()).contains(":eu-west-1:");
        assertThat(cn.api().resource("/counters/{name}/increment").orElseThrow().methods().get("POST").integration().uri())
                .isEqualTo("arn:aws-cn:apigateway:cn-north-1:dynamodb:action/UpdateItem");
    }

    @Test
    void physicalNameOverrideFlowsEverywhere() {
        ApiModel local = ApiModel.fromTemplate(template, FACTS.withPhysicalName(TABLE_ID, "counters"));
        assertThat(local.tables().get(0).tableName()).isEqualTo("counters");
        assertThat(local.api().stageVariables()).containsEntry("tableName", "counters");
        assertThat(local.api().resource("/counters/{name}/increment").orElseThrow().methods().get("POST")
                .integration().requestTemplates().get("application/json")).contains("\"TableName\": \"counters\"");
        assertThat(local.outputs()).containsEntry("TableName", "counters");
    }

    @Test
    void modelIsImmutable() {
        RestApi api = model.api();
        assertThatThrownBy(() -> api.resources().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> api.stageVariables().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        ApiMethod post = method("/counters/{name}/increment", "POST");
        assertThatThrownBy(() -> post.integration().requestTemplates().clear()).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) post.requestModels().get("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        assertThatThrownBy(() -> props.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.tables().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fromFileAndFromMapGiveTheSameModel() throws Exception {
        assertThat(ApiModel.fromFile(fixture, FACTS)).isEqualTo(model);
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = new ObjectMapper().treeToValue(template, Map.class);
        assertThat(ApiModel.fromTemplate(asMap, FACTS)).isEqualTo(model);
        assertThat(ApiModel.fromFile(fixture).tables().get(0).tableName()).isEqualTo("local-" + TABLE_ID);
    }
}
