package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Small inline templates for the corners the fixture does not cover. */
class ApiModelEdgeCasesTest {

    private static JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String TWO_APIS = """
            {"Resources": {
              "ApiA": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "a"}},
              "ApiB": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "b"}},
              "ResA": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                 "ParentId": {"Fn::GetAtt": ["ApiA", "RootResourceId"]}, "PathPart": "only-a", "RestApiId": {"Ref": "ApiA"}}},
              "ResB": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                 "ParentId": {"Fn::GetAtt": ["ApiB", "RootResourceId"]}, "PathPart": "{proxy+}", "RestApiId": {"Ref": "ApiB"}}},
              "AnyB": {"Type": "AWS::ApiGateway::Method", "Properties": {
                 "HttpMethod": "any", "ResourceId": {"Ref": "ResB"}, "RestApiId": {"Ref": "ApiB"},
                 "Integration": {"Type": "HTTP_PROXY", "IntegrationHttpMethod": "ANY", "Uri": "https://example.com/{proxy}"}}},
              "KeyA": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"StageKeys": [{"RestApiId": {"Ref": "ApiA"}, "StageName": "v1"}],
                 "Value": "0123456789abcdefghijkl"}},
              "KeyB": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"Enabled": false}}
            }}
            """;

    @Test
    void severalRestApisNeedALogicalId() {
        assertThatThrownBy(() -> ApiModel.fromTemplate(json(TWO_APIS), LocalFacts.defaults()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("ApiA").hasMessageContaining("ApiB");
        assertThat(ApiModel.restApiLogicalIds(json(TWO_APIS), LocalFacts.defaults())).containsExactly("ApiA", "ApiB");
    }

    @Test
    void pickingOneRestApiKeepsOnlyItsResourcesAndKeys() {
        ApiModel a = ApiModel.fromTemplate(json(TWO_APIS), LocalFacts.defaults(), "ApiA");
        assertThat(a.api().name()).isEqualTo("a");
        assertThat(a.api().stageName()).isNull();
        assertThat(a.api().stageThrottle()).isNull();
        assertThat(a.api().resources()).extracting(ApiResource::path).containsExactly("/", "/only-a");
        assertThat(a.api().apiKeys()).containsExactly(new ApiKeyModel("KeyA", "0123456789abcdefghijkl", false));

        ApiModel b = ApiModel.fromTemplate(json(TWO_APIS), LocalFacts.defaults(), "ApiB");
        assertThat(b.api().resources()).extracting(ApiResource::path).containsExactly("/", "/{proxy+}");
        ApiResource proxy = b.api().resource("/{proxy+}").orElseThrow();
        assertThat(proxy.pathParameterNames()).containsExactly("proxy");
        assertThat(proxy.methods()).containsOnlyKeys("ANY");
        assertThat(proxy.methodFor("patch").integration().type()).isEqualTo("HTTP_PROXY");
        assertThat(proxy.methodFor("GET").integration().awsService()).isNull();
        assertThat(b.api().apiKeys()).isEmpty();
    }

    @Test
    void unknownRestApiLogicalIdFails() {
        assertThatThrownBy(() -> ApiModel.fromTemplate(json(TWO_APIS), LocalFacts.defaults(), "ApiC"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("ApiC");
    }

    @Test
    void templateWithoutRestApiFails() {
        assertThatThrownBy(() -> ApiModel.fromTemplate(json("{\"Resources\": {}}"), LocalFacts.defaults()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("AWS::ApiGateway::RestApi");
    }

    @Test
    void unsupportedIntrinsicInARequestTemplateNamesTheTemplatePath() {
        String t = """
                {"Resources": {
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "x"}},
                  "M": {"Type": "AWS::ApiGateway::Method", "Properties": {
                    "HttpMethod": "POST", "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"},
                    "Integration": {"Type": "AWS", "RequestTemplates": {"application/json": {"Fn::Join": ["", [{"Fn::ImportValue": "T"}]]}}}}}
                }}
                """;
        assertThatThrownBy(() -> ApiModel.fromTemplate(json(t), LocalFacts.defaults()))
                .isInstanceOf(UnsupportedIntrinsicException.class)
                .hasMessageContaining("Fn::ImportValue")
                .hasMessageContaining("/Resources/M/Properties/Integration/RequestTemplates/application~1json/Fn::Join/1/0/Fn::ImportValue");
    }

    @Test
    void deploymentStageNameIsUsedWithoutAStageResource() {
        String t = """
                {"Resources": {
                  "Tbl": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"TableName": "g",
                    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
                    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                    "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": false}}},
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}},
                  "Root": {"Type": "AWS::ApiGateway::Method", "Properties": {
                    "HttpMethod": "GET", "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"},
                    "Integration": {"Type": "AWS", "IntegrationHttpMethod": "POST",
                      "Uri": "arn:aws:apigateway:us-east-1:dynamodb:action/Query?x=1",
                      "IntegrationResponses": [{"StatusCode": "200", "SelectionPattern": ""}]}}},
                  "Dep": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "dev",
                    "StageDescription": {"Variables": {"t": {"Ref": "Tbl"}}, "ThrottlingRateLimit": 5}}}
                }}
                """;
        ApiModel m = ApiModel.fromTemplate(json(t), LocalFacts.defaults());
        assertThat(m.api().name()).isEqualTo("Api");
        assertThat(m.api().stageName()).isEqualTo("dev");
        assertThat(m.api().stageVariables()).containsExactly(entry("t", "g"));
        assertThat(m.api().stageThrottle()).isEqualTo(new Throttle(5, 5000));
        ApiMethod get = m.api().resource("/").orElseThrow().methods().get("GET");
        assertThat(get.integration().action()).isEqualTo("Query");
        assertThat(get.integration().responses().get(0).selectionPattern()).isNull();
        assertThat(m.tables()).containsExactly(new TableModel("Tbl", "g", "id", "N", null, null, null));
    }

    @Test
    void resourceConditionExcludesResources() {
        String t = """
                {"Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
                 "Resources": {
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "x"}},
                  "Gone": {"Type": "AWS::DynamoDB::Table", "Condition": "Never", "Properties": {
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}},
                  "GoneApi": {"Type": "AWS::ApiGateway::RestApi", "Condition": "Never", "Properties": {}}
                }}
                """;
        ApiModel m = ApiModel.fromTemplate(json(t), LocalFacts.defaults());
        assertThat(m.api().name()).isEqualTo("x");
        assertThat(m.tables()).isEmpty();
    }

    @Test
    void duplicateMethodsAndUnknownModelsAreErrors() {
        String dup = """
                {"Resources": {
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}},
                  "M1": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "GET",
                    "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"}}},
                  "M2": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "get",
                    "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"}}}
                }}
                """;
        assertThatThrownBy(() -> ApiModel.fromTemplate(json(dup), LocalFacts.defaults()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Duplicate method GET on /");
        String model = """
                {"Resources": {
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}},
                  "M1": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "PUT",
                    "RequestModels": {"application/json": "Missing"},
                    "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"}}}
                }}
                """;
        assertThatThrownBy(() -> ApiModel.fromTemplate(json(model), LocalFacts.defaults()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Unknown model 'Missing'")
                .hasMessageContaining("/Resources/M1/Properties/RequestModels/application~1json");
    }

    @Test
    void builtInEmptyModelAndModelsByName() {
        String t = """
                {"Resources": {
                  "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {}},
                  "Mdl": {"Type": "AWS::ApiGateway::Model", "Properties": {"Name": "Thing", "RestApiId": {"Ref": "Api"},
                    "ContentType": "application/json", "Schema": "{\\"type\\": \\"object\\", \\"required\\": [\\"a\\"]}"}},
                  "M1": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "PUT",
                    "RequestModels": {"application/json": "Thing", "text/plain": "Empty"},
                    "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "RestApiId": {"Ref": "Api"}}}
                }}
                """;
        ApiMethod put = ApiModel.fromTemplate(json(t), LocalFacts.defaults()).api().resources().get(0).methods().get("PUT");
        assertThat(put.requestModels().get("application/json")).isEqualTo(Map.of("type", "object", "required", List.of("a")));
        assertThat(put.requestModels().get("text/plain")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("title", "Empty Schema");
        assertThat(put.integration()).isNull();
        assertThat(put.authorizationType()).isEqualTo("NONE");
    }

    @Test
    void awsUriParsing() {
        assertThat(Integration.parseAwsUri("arn:aws:apigateway:us-east-1:dynamodb:action/TransactWriteItems"))
                .containsExactly("dynamodb", "TransactWriteItems");
        assertThat(Integration.parseAwsUri("arn:aws:apigateway:us-east-1:s3:path/bucket/key")).containsExactly("s3", null);
        assertThat(Integration.parseAwsUri("arn:aws:apigateway:eu-west-1:mybucket.s3:path/key")).containsExactly("s3", null);
        assertThat(Integration.parseAwsUri("https://example.com")).isNull();
        assertThat(Integration.parseAwsUri(null)).isNull();
    }
}
