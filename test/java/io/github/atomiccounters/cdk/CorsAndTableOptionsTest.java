package io.github.atomiccounters.cdk;

import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS for a configured origin, on success and error responses alike, and an existing table with its own keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsAndTableOptionsTest {
    private static final String ORIGIN = Synthesized.ORIGIN;
    private Synth synth;

    @BeforeAll
    void synthesize() {
        synth = Synth.of(Synthesized.CORS_EXISTING_TABLE);  // also served by CorsE2ETest
    }

    @Test
    void preflightAnswersWithoutAuthOnEveryResource() {
        Map<String, Map<String, Object>> methods = Routes.methodsByRoute(synth.template.toJSON());
        for (String path : List.of("/counters/{name}", "/counters/{name}/increment", "/counters/{name}/decrement",
                "/counters/{name}/next")) {
            Map<String, Object> options = methods.get("OPTIONS " + path);
            assertThat(options).as("OPTIONS " + path).isNotNull();
            assertThat(options.get("AuthorizationType")).isEqualTo("NONE");
            assertThat(Routes.map(options.get("Integration")).get("Type")).isEqualTo("MOCK");
            assertThat(options.toString()).contains("'" + ORIGIN + "'");
        }
        assertThat(synth.nagFindings()).isEmpty();
    }

    @Test
    void successAndErrorResponsesCarryTheOrigin() {
        Map<String, Map<String, Object>> methods = Routes.methodsByRoute(synth.template.toJSON());
        methods.entrySet().stream().filter(e -> !e.getKey().startsWith("OPTIONS")).forEach(e -> {
            List<Map<String, Object>> responses = Routes.list(Routes.map(e.getValue().get("Integration"))
                    .get("IntegrationResponses"));
            assertThat(responses).as(e.getKey()).hasSize(3).allSatisfy(r -> assertThat(r.get("ResponseParameters"))
                    .isEqualTo(Map.of("method.response.header.Access-Control-Allow-Origin", "'" + ORIGIN + "'",
                            "method.response.header.Vary", "'Origin'")));
        });
        synth.template.findResources("AWS::ApiGateway::GatewayResponse").values().forEach(r ->
                assertThat(Routes.map(Synth.props(r).get("ResponseParameters"))).containsAllEntriesOf(Map.of(
                        "gatewayresponse.header.Access-Control-Allow-Origin", "'" + ORIGIN + "'",
                        "gatewayresponse.header.Vary", "'Origin'")));
    }

    @Test
    void anExistingTableIsUsedWithItsOwnKeysAndOnlyItsArn() {
        assertThat(synth.template.findResources("AWS::DynamoDB::Table")).isEmpty();
        Map<String, Object> stage = synth.only("AWS::ApiGateway::Stage");
        assertThat(stage.get("Variables")).isEqualTo(Map.of("tableName", "donation-data", "partitionKey", "context",
                "sortKey", "id", "sortKeyValue", "id", "shardCount", "10", "valueAttribute", "value"));
        String policy = synth.only("AWS::IAM::Policy").toString();
        assertThat(policy).contains(":table/donation-data").doesNotContain("*");
    }

    @Test
    void anExistingTableGetsASynthesisWarningThatItsTtlIsTheOwnersToEnable() {
        List<Synthesized.Message> warnings = synth.warnings(".*enable TTL on its attribute 'expiresAt'.*");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).id()).endsWith("/Counters");
    }
}
