package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API Gateway limits checked at synthesis, each in a pair: the rule fires on what AWS would not run as written,
 * and passes what this project deploys.
 */
class ApiGatewayLimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\": \"$code\"}\n#set($code = \"X\")",
            "## a comment\n{\"message\": $context.error.messageString}",
            "#* block *#{}",
            "{\"message\": \"$util.escapeJavaScript($context.error.validationErrorString)\"}",
            "{\"error\": \"$codes.get($context.error.responseType)\"}",
            "{\"message\": \"$!context.error.message\"}",
            "{\"message\": \"${context.error.message}\"}",
            "#if($x)a#end"})
    void aGatewayResponseHoldingVtlIsAProblem(String template) {
        assertThat(ApiGatewayLimits.gatewayResponseTemplateProblems("THROTTLED", template))
                .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("gateway response THROTTLED: '"));
    }

    @Test
    void everyDeployedGatewayResponseIsPlainSubstitution() {
        for (AtomicCounterApi.GatewayAnswer answer : AtomicCounterApi.GATEWAY_ANSWERS) {
            assertThat(ApiGatewayLimits.gatewayResponseTemplateProblems(answer.responseType(),
                    TemplateFiles.read(answer.file()))).as(answer.file()).isEmpty();
        }
        // a '#' inside JSON text that is not VTL syntax is fine
        assertThat(ApiGatewayLimits.gatewayResponseTemplateProblems("X", "{\"a\": \"# 1\", \"b\": \"$5\"}")).isEmpty();
    }

    @Test
    void aMappingTemplateOver300KbIsAProblemAndOneOf300KbIsNot() {
        assertThat(ApiGatewayLimits.mappingTemplateSizeProblems("t", "x".repeat(300 * 1024))).isEmpty();
        assertThat(ApiGatewayLimits.mappingTemplateSizeProblems("t", "x".repeat(300 * 1024 + 1)))
                .singleElement().asString().contains("307201 bytes").contains("300 KB");
        // bytes, not characters: 'é' is two bytes in UTF-8
        assertThat(ApiGatewayLimits.mappingTemplateSizeProblems("t", "é".repeat(150 * 1024 + 1))).hasSize(1);
        for (AtomicCounterApi.Route route : AtomicCounterApi.ROUTES) {
            assertThat(ApiGatewayLimits.mappingTemplateSizeProblems(route.requestTemplate(),
                    TemplateFiles.read(route.requestTemplate()))).isEmpty();
        }
    }

    @Test
    void synthesisRefusesAVtlGatewayResponseAddedToTheApiNamingItsType() {
        App app = new App();
        CounterStack stack = CounterApp.addStack(app);
        RestApi api = stack.getCounters().getApi();
        api.addGatewayResponse("Custom", GatewayResponseOptions.builder()
                .type(ResponseType.ACCESS_DENIED)
                .templates(Map.of("application/json", "#set($m = 'no')\n{\"message\": \"$m\"}"))
                .build());
        assertThatThrownBy(() -> CounterApp.synthesize(app, stack)).hasMessageContaining("gateway response "
                + "ACCESS_DENIED: '#s'").hasMessageContaining("simple variable substitution");
    }

    @Test
    void synthesisRefusesAMappingTemplateOver300Kb() {
        App app = new App();
        CounterStack stack = CounterApp.addStack(app);
        RestApi api = stack.getCounters().getApi();
        api.getRoot().addResource("huge").addMethod("GET", new MockIntegration(IntegrationOptions.builder()
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}" + " ".repeat(310_000)))
                .integrationResponses(List.of(IntegrationResponse.builder().statusCode("200").build()))
                .build()), MethodOptions.builder()
                .methodResponses(List.of(MethodResponse.builder().statusCode("200").build())).build());
        assertThatThrownBy(() -> CounterApp.synthesize(app, stack)).hasMessageContaining("request template")
                .hasMessageContaining("300 KB");
    }
}
