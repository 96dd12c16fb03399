package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;
import io.github.atomiccounters.vtl.VtlEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing and integration-response selection on a CDK-shaped fixture template (stage "prod"). */
class PipelineStagesTest {
    private static CompiledApi api;
    private static Router router;

    @BeforeAll
    static void compile() {
        api = new CompiledApi(ApiModel.fromFile(Path.of("test/resources/apimodel/counters-stack.template.json")),
                new VtlEngine());
        router = new Router(api);
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /prod/counters, /counters, ''",
            "GET, /prod/counters/likes, /counters/{name}, likes",
            "GET, /prod/counters/a%20b%2Fc+d, /counters/{name}, a b/c+d",
            "POST, /prod/counters/x/increment, /counters/{name}/increment, x",
            "DELETE, /prod/counters/x/, /counters/{name}, x"})
    void routesMatchTheStageThenLiteralAndParameterSegments(String method, String rawPath, String resource,
                                                             String name) {
        Router.RouteMatch match = router.route(method, rawPath);
        assertThat(match.method().resource().path()).isEqualTo(resource);
        assertThat(match.pathParameters().getOrDefault("name", "")).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"GET, /v1/counters", "GET, /prod/nothing", "PUT, /prod/counters/x/increment",
            "GET, /prod/counters/x/increment/more", "GET, /prod/counters//increment", "POST, /prod"})
    void noRouteIsMissingAuthenticationToken(String method, String rawPath) {
        assertThatThrownBy(() -> router.route(method, rawPath))
                .isInstanceOfSatisfying(GatewayError.class, e ->
                        assertThat(e.type()).isEqualTo(GatewayErrorType.MISSING_AUTHENTICATION_TOKEN));
    }

    @ParameterizedTest
    @CsvSource({"200, 200, ''", "204, 200, ''", "400, 400, 4\\d{2}", "404, 400, 4\\d{2}", "500, 500, 5\\d{2}",
            "503, 500, 5\\d{2}", "4000, 200, ''", "40, 200, ''"})
    void selectionPatternsMatchTheWholeStatusCode(int integrationStatus, String statusCode, String pattern) {
        CompiledMethod increment = router.route("POST", "/prod/counters/x/increment").method();
        CompiledApi.CompiledIntegrationResponse selected =
                new IntegrationResponseSelection().select(increment, integrationStatus);
        assertThat(selected.response().statusCode()).isEqualTo(statusCode);
        assertThat(selected.selectionPattern() == null ? "" : selected.selectionPattern().pattern())
                .isEqualTo(pattern);
    }

    @Test
    void withoutADefaultAnUnmatchedStatusIsAConfigurationError() {
        CompiledMethod increment = router.route("POST", "/prod/counters/x/increment").method();
        CompiledMethod noDefault = new CompiledMethod(increment.resource(), increment.method(),
                increment.requestTemplates(), increment.integrationResponses().subList(1, 3), increment.schemas());
        assertThatThrownBy(() -> new IntegrationResponseSelection().select(noDefault, 200))
                .isInstanceOfSatisfying(GatewayError.class, e ->
                        assertThat(e.type()).isEqualTo(GatewayErrorType.API_CONFIGURATION_ERROR));
    }

    @Test
    void responseParameterSourcesAreLiteralsOrHeaders() {
        LocalRequest request = new LocalRequest("GET", "/prod/counters", null,
                Map.of("Origin", java.util.List.of("https://a.example")), null, "127.0.0.1");
        assertThat(ResponseMapping.resolve("'*'", Map.of(), request)).isEqualTo("*");
        assertThat(ResponseMapping.resolve("method.request.header.origin", Map.of(), request))
                .isEqualTo("https://a.example");
        assertThat(ResponseMapping.resolve("integration.response.header.X", Map.of("X", "1"), request)).isEqualTo("1");
        assertThat(ResponseMapping.resolve("context.requestId", Map.of(), request)).isNull();
    }

    @Test
    void gatewayMessagesAreQuotedAsJson() {
        assertThat(GatewayResponses.quote("a \"b\" \\ \n")).isEqualTo("\"a \\\"b\\\" \\\\ \\n\"");
    }
}
