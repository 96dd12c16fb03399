package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicResolverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String TEMPLATE = """
            {
              "Parameters": {
                "Env": {"Type": "String", "Default": "dev"},
                "Zones": {"Type": "CommaDelimitedList", "Default": "a,b,c"},
                "NoDefault": {"Type": "String"}
              },
              "Mappings": {"Sizes": {"dev": {"Rcu": 5}, "prod": {"Rcu": 50}}},
              "Conditions": {
                "IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]},
                "IsProd": {"Fn::Not": [{"Condition": "IsDev"}]},
                "DevInUsEast1": {"Fn::And": [{"Condition": "IsDev"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]},
                "ProdOrEu": {"Fn::Or": [{"Condition": "IsProd"}, {"Fn::Equals": ["eu-west-1", {"Ref": "AWS::Region"}]}]},
                "Loop": {"Condition": "Loop"}
              },
              "Resources": {
                "NamedTable": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": {"Fn::Sub": "counters-${Env}"}}},
                "AnonTable1234ABCD": {"Type": "AWS::DynamoDB::Table", "Properties": {}},
                "T": {"Type": "AWS::DynamoDB::Table", "Properties": {}},
                "Role1A2B": {"Type": "AWS::IAM::Role", "Properties": {}},
                "Api9F8E": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "x"}},
                "Other": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "y"}},
                "StageProd": {"Type": "AWS::ApiGateway::Stage", "Properties": {"StageName": "prod"}},
                "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}}
              }
            }
            """;

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static IntrinsicResolver resolver() {
        return new IntrinsicResolver(json(TEMPLATE), new LocalFacts("eu-west-1", "123456789012", "aws", "MyStack"));
    }

    private static Object resolve(String value) {
        return resolver().resolve(json(value), "/Test");
    }

    @ParameterizedTest
    @CsvSource({
            "AWS::Region, eu-west-1",
            "AWS::AccountId, 123456789012",
            "AWS::Partition, aws",
            "AWS::StackName, MyStack",
            "AWS::URLSuffix, amazonaws.com"
    })
    void refPseudoParameters(String name, String expected) {
        assertThat(resolve("{\"Ref\": \"" + name + "\"}")).isEqualTo(expected);
    }

    @Test
    void urlSuffixFollowsChinaPartition() {
        IntrinsicResolver r = new IntrinsicResolver(json(TEMPLATE), new LocalFacts("cn-north-1", "1", "aws-cn", "S"));
        assertThat(r.resolve(json("{\"Ref\": \"AWS::URLSuffix\"}"), "/x")).isEqualTo("amazonaws.com.cn");
    }

    @Test
    void defaultsAreTheLocalFacts() {
        LocalFacts d = LocalFacts.defaults();
        assertThat(d.region()).isEqualTo("us-east-1");
        assertThat(d.accountId()).isEqualTo("000000000000");
        assertThat(d.partition()).isEqualTo("aws");
        IntrinsicResolver r = new IntrinsicResolver(json(TEMPLATE), d);
        assertThat(r.resolve(json("{\"Ref\": \"AWS::Region\"}"), "/x")).isEqualTo("us-east-1");
    }

    @Test
    void noValueIsDroppedFromObjectsAndListsAndIsNullAtTopLevel() {
        assertThat(resolve("{\"Ref\": \"AWS::NoValue\"}")).isNull();
        assertThat(resolve("{\"a\": 1, \"b\": {\"Ref\": \"AWS::NoValue\"}}")).isEqualTo(Map.of("a", 1));
        assertThat(resolve("[\"x\", {\"Ref\": \"AWS::NoValue\"}, \"y\"]")).isEqualTo(List.of("x", "y"));
    }

    @Test
    void refParameterUsesItsDefault() {
        assertThat(resolve("{\"Ref\": \"Env\"}")).isEqualTo("dev");
        assertThat(resolve("{\"Ref\": \"Zones\"}")).isEqualTo(List.of("a", "b", "c"));
    }

    @Test
    void refParameterWithoutDefaultFails() {
        assertThatThrownBy(() -> resolver().resolve(json("{\"Ref\": \"NoDefault\"}"), "/Outputs/O/Value"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("NoDefault")
                .hasMessageContaining("/Outputs/O/Value");
    }

    @Test
    void refToUnknownNameFails() {
        assertThatThrownBy(() -> resolve("{\"Ref\": \"Nope\"}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nope");
    }

    @Test
    void refTableIsItsTableNameOrADeterministicLocalName() {
        assertThat(resolve("{\"Ref\": \"NamedTable\"}")).isEqualTo("counters-dev");
        assertThat(resolve("{\"Ref\": \"AnonTable1234ABCD\"}")).isEqualTo("MyStack-AnonTable1234ABCD");
        IntrinsicResolver noStack = new IntrinsicResolver(json(TEMPLATE), new LocalFacts("r", "a", "aws", ""));
        assertThat(noStack.physicalId("T")).isEqualTo("T__");
        assertThat(IntrinsicResolver.localName("My Stack", "X")).isEqualTo("My-Stack-X");
    }

    @Test
    void refRestApiIsADeterministicApiGatewayShapedId() {
        Object id = resolve("{\"Ref\": \"Api9F8E\"}");
        assertThat((String) id).matches("[a-z0-9]{10}");
        assertThat(resolve("{\"Ref\": \"Api9F8E\"}")).isEqualTo(id);
        assertThat(resolve("{\"Ref\": \"Other\"}")).isNotEqualTo(id);
    }

    @Test
    void refOtherResourcesIsLogicalIdExceptStageName() {
        assertThat(resolve("{\"Ref\": \"Queue\"}")).isEqualTo("Queue");
        assertThat(resolve("{\"Ref\": \"StageProd\"}")).isEqualTo("prod");
    }

    @Test
    void physicalNamesOverrideRefAndFlowIntoArns() {
        IntrinsicResolver r = new IntrinsicResolver(json(TEMPLATE),
                LocalFacts.defaults().withPhysicalName("AnonTable1234ABCD", "counters").withPhysicalName("Env", "prod"));
        assertThat(r.resolve(json("{\"Ref\": \"AnonTable1234ABCD\"}"), "/x")).isEqualTo("counters");
        assertThat(r.resolve(json("{\"Fn::GetAtt\": [\"AnonTable1234ABCD\", \"Arn\"]}"), "/x"))
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/counters");
        assertThat(r.resolve(json("{\"Ref\": \"Env\"}"), "/x")).isEqualTo("prod");
    }

    @Test
    void getAttTableArnsBothSyntaxes() {
        assertThat(resolve("{\"Fn::GetAtt\": [\"NamedTable\", \"Arn\"]}"))
                .isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/counters-dev");
        assertThat(resolve("{\"Fn::GetAtt\": \"NamedTable.StreamArn\"}"))
                .isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/counters-dev/stream/1970-01-01T00:00:00.000");
    }

    @Test
    void getAttRoleArnRootResourceIdAndPlaceholders() {
        IntrinsicResolver r = resolver();
        assertThat(r.resolve(json("{\"Fn::GetAtt\": [\"Role1A2B\", \"Arn\"]}"), "/x"))
                .isEqualTo("arn:aws:iam::123456789012:role/MyStack-Role1A2B");
        Object root = r.resolve(json("{\"Fn::GetAtt\": [\"Api9F8E\", \"RootResourceId\"]}"), "/x");
        assertThat(root).isEqualTo(r.rootResourceId("Api9F8E"));
        assertThat((String) root).matches("[a-z0-9]{10}").isNotEqualTo(r.physicalId("Api9F8E"));
        assertThat(r.resolve(json("{\"Fn::GetAtt\": [\"Queue\", \"QueueName\"]}"), "/x")).isEqualTo("local:Queue.QueueName");
    }

    @Test
    void getAttOnUnknownResourceFails() {
        assertThatThrownBy(() -> resolver().resolve(json("{\"Fn::GetAtt\": [\"Ghost\", \"Arn\"]}"), "/Resources/M/Properties/X"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Ghost")
                .hasMessageContaining("/Resources/M/Properties/X/Fn::GetAtt");
    }

    @Test
    void join() {
        assertThat(resolve("""
                {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"},
                                   ":dynamodb:action/UpdateItem", {"Ref": "AWS::NoValue"}]]}"""))
                .isEqualTo("arn:aws:apigateway:eu-west-1:dynamodb:action/UpdateItem");
        assertThat(resolve("{\"Fn::Join\": [\",\", {\"Ref\": \"Zones\"}]}")).isEqualTo("a,b,c");
        assertThat(resolve("{\"Fn::Join\": [\"-\", [1, true, \"x\"]]}")).isEqualTo("1-true-x");
    }

    @Test
    void subStringForm() {
        assertThat(resolve("""
                {"Fn::Sub": "${AWS::Region}/${NamedTable}/${NamedTable.Arn}/${!Literal}/${Env}"}"""))
                .isEqualTo("eu-west-1/counters-dev/arn:aws:dynamodb:eu-west-1:123456789012:table/counters-dev/${Literal}/dev");
    }

    @Test
    void subArrayFormVariablesShadowRefs() {
        assertThat(resolve("""
                {"Fn::Sub": ["${Env}:${T}:${AWS::AccountId}", {"Env": "over", "T": {"Ref": "NamedTable"}}]}"""))
                .isEqualTo("over:counters-dev:123456789012");
    }

    @Test
    void selectAndSplit() {
        assertThat(resolve("{\"Fn::Split\": [\"/\", \"a/b//c\"]}")).isEqualTo(List.of("a", "b", "", "c"));
        assertThat(resolve("""
                {"Fn::Select": [1, {"Fn::Split": [":", {"Fn::GetAtt": ["NamedTable", "Arn"]}]}]}""")).isEqualTo("aws");
        assertThat(resolve("{\"Fn::Select\": [\"2\", [\"a\", \"b\", \"c\"]]}")).isEqualTo("c");
        assertThat(resolve("{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}")).isEqualTo("eu-west-1a");
    }

    @Test
    void selectOutOfRangeFails() {
        assertThatThrownBy(() -> resolve("{\"Fn::Select\": [3, [\"a\"]]}"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("out of range");
    }

    @Test
    void ifAndConditions() {
        IntrinsicResolver r = resolver();
        assertThat(r.condition("IsDev")).isTrue();
        assertThat(r.condition("IsProd")).isFalse();
        assertThat(r.condition("DevInUsEast1")).isFalse();
        assertThat(r.condition("ProdOrEu")).isTrue();
        assertThat(r.resolve(json("{\"Fn::If\": [\"IsDev\", \"small\", \"big\"]}"), "/x")).isEqualTo("small");
        assertThat(r.resolve(json("{\"Fn::If\": [\"IsProd\", \"big\", {\"Ref\": \"AWS::NoValue\"}]}"), "/x")).isNull();
        assertThat(r.resolve(json("{\"Fn::Equals\": [{\"Ref\": \"Env\"}, \"dev\"]}"), "/x")).isEqualTo(true);
    }

    @Test
    void circularConditionFails() {
        assertThatThrownBy(() -> resolver().condition("Loop"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Circular");
    }

    @Test
    void findInMapAndBase64() {
        assertThat(resolve("{\"Fn::FindInMap\": [\"Sizes\", {\"Ref\": \"Env\"}, \"Rcu\"]}")).isEqualTo(5);
        assertThat(resolve("{\"Fn::Base64\": \"hi\"}")).isEqualTo("aGk=");
    }

    @Test
    void unknownIntrinsicNamesTheFunctionAndThePath() {
        JsonNode value = json("""
                {"Fn::Join": ["", ["x", {"Fn::ImportValue": "SharedTableName"}]]}""");
        assertThatThrownBy(() -> resolver().resolve(value, "/Outputs/Endpoint/Value"))
                .isInstanceOfSatisfying(UnsupportedIntrinsicException.class, e -> {
                    assertThat(e.intrinsic()).isEqualTo("Fn::ImportValue");
                    assertThat(e.path()).isEqualTo("/Outputs/Endpoint/Value/Fn::Join/1/1/Fn::ImportValue");
                })
                .hasMessageContaining("Fn::ImportValue")
                .hasMessageContaining("/Outputs/Endpoint/Value/Fn::Join/1/1/Fn::ImportValue");
        assertThatThrownBy(() -> resolve("{\"Fn::Bogus\": 1}"))
                .isInstanceOf(UnsupportedIntrinsicException.class).hasMessageContaining("Fn::Bogus");
    }

    @Test
    void plainValuesAndMultiKeyObjectsAreNotIntrinsics() {
        assertThat(IntrinsicResolver.isIntrinsic(json("{\"Ref\": \"x\"}"))).isTrue();
        assertThat(IntrinsicResolver.isIntrinsic(json("{\"Ref\": \"x\", \"y\": 1}"))).isFalse();
        assertThat(resolve("{\"Ref\": \"Env\", \"other\": 1}")).isEqualTo(Map.of("Ref", "Env", "other", 1));
        assertThat(resolve("\"text\"")).isEqualTo("text");
        assertThat(IntrinsicResolver.stringify(100.0)).isEqualTo("100");
        assertThat(IntrinsicResolver.stringify(1.5)).isEqualTo("1.5");
    }
}
