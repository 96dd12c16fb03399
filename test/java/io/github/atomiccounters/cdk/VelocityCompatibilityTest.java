package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.RestApi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Synthesis refuses a template Velocity 1.7 cannot run, one kind of failure per test, and passes every template this
 * project deploys.
 */
class VelocityCompatibilityTest {

    @Test
    void aMethodArgumentExpressionIsRefusedWithFileLineAndColumn() {
        String template = "#set($epoch = \"$context.requestTimeEpoch\")\n"
                + "#set($seconds = $epoch.substring(0, $epoch.length() - 3))";
        assertThat(VelocityCompatibility.problems("request/next.vtl", template)).singleElement().asString()
                .startsWith("request/next.vtl:2:54: Velocity 1.7, the engine API Gateway runs, cannot run")
                .contains("Lexical error");
        // the same computation, its argument set first, is fine
        assertThat(VelocityCompatibility.problems("request/next.vtl", "#set($epoch = \"$context.requestTimeEpoch\")\n"
                + "#set($length = $epoch.length() - 3)#set($seconds = $epoch.substring(0, $length))")).isEmpty();
    }

    @Test
    void anInterpolatedStringLiteralIsRefusedAtItsLineAndColumnThoughTheTemplateParses() {
        String template = "#set($m = \"12345\")#set($d = \"45\")\n\n"
                + "#set($m = \"${m.substring(0, $m.length() - $d.length())}00\")";
        assertThat(VelocityCompatibility.problems("request/increment.vtl", template)).singleElement().asString()
                .startsWith("request/increment.vtl:3:11: ")
                .contains("Failed to parse String literal").contains("Lexical error");
        assertThat(VelocityCompatibility.problems("request/increment.vtl", "#set($m = \"12345\")#set($d = \"45\")\n"
                + "#set($n = $m.length() - $d.length())#set($m = \"${m.substring(0, $n)}00\")")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"include", "parse", "evaluate"})
    void aDirectiveApiGatewayDoesNotOfferIsRefused(String directive) {
        assertThat(VelocityCompatibility.problems("response/get.vtl", "{}\n  #" + directive + "('x')"))
                .singleElement().asString().startsWith("response/get.vtl:2:3: ")
                .contains("#" + directive + " is not supported");
        // also inside an interpolated string literal, which 1.7 would run at render time
        assertThat(VelocityCompatibility.problems("response/get.vtl", "#set($x = \"#" + directive + "('x')\")$x"))
                .singleElement().asString().contains("#" + directive + " is not supported");
    }

    @Test
    void everyTemplateThisProjectDeploysRunsOnVelocity17() {
        Set<String> files = new LinkedHashSet<>();
        for (Route route : AtomicCounterApi.ROUTES) {
            files.addAll(List.of(route.requestTemplate(), route.responseTemplate()));
        }
        files.add(AtomicCounterApi.ERROR_TEMPLATE);
        assertThat(files).hasSizeGreaterThanOrEqualTo(17);
        for (String file : files) {
            assertThat(VelocityCompatibility.problems(file, TemplateFiles.read(file))).as(file).isEmpty();
        }
    }

    @Test
    void synthesisRefusesATemplateOfTheApiThatVelocity17CannotRun() {
        App app = new App();
        CounterStack stack = CounterApp.addStack(app);
        RestApi api = stack.getCounters().getApi();
        api.getRoot().addResource("legacy").addMethod("POST", new MockIntegration(IntegrationOptions.builder()
                .requestTemplates(Map.of("application/json", "#set($s = 'abc')\n{\"n\": \"$s.substring(0, $s.length() - 1)\"}"))
                .integrationResponses(List.of(IntegrationResponse.builder().statusCode("200").build()))
                .build()), MethodOptions.builder()
                .methodResponses(List.of(MethodResponse.builder().statusCode("200").build())).build());
        assertThatThrownBy(() -> CounterApp.synthesize(app, stack))
                .hasMessageContaining("legacy/POST/Resource request template application/json:2:37: ")
                .hasMessageContaining("Velocity 1.7, the engine API Gateway runs, cannot run this template");
    }
}
