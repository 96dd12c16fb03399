package io.github.atomiccounters.cdk;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.cli.verify.ContractSuite;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.Router;
import io.github.atomiccounters.openapi.OpenApiGenerator;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.vtl.VtlEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One route table ({@link Route}) feeds the construct, the OpenAPI document and {@code verify}, and this proves they
 * agree: the synthesized API has exactly the table's routes with their files, statuses and headers; the OpenAPI
 * document of that template has exactly those operations with the table's ids, summaries and success answers; and
 * verify's route-table check calls every route once, each request reaching that route in the local runtime's router
 * with a body its model accepts, and expects the status the construct and the document give it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTableTest {
    private Map<String, Map<String, Object>> methods;
    private Map<String, Object> openApi;
    private CompiledApi local;

    @BeforeAll
    void synthesizeOnce() {
        Map<String, Object> template = Synthesized.of(Synthesized.DEFAULT).template();
        methods = Routes.methodsByRoute(template);
        ApiModel model = ApiModel.fromTemplate(template, LocalFacts.defaults());
        openApi = OpenApiGenerator.generate(model, null);
        local = new CompiledApi(model, new VtlEngine());
    }

    private static Set<String> keys(Route... routes) {
        return new TreeSet<>(Arrays.stream(routes).map(Route::key).toList());
    }

    @Test
    void theTableHasOneEntryPerMethodAndPathAndUniqueOperationIds() {
        assertThat(Arrays.stream(Route.values()).map(Route::key)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Route.values()).map(Route::operationId)).doesNotHaveDuplicates();
        for (Route route : Route.values()) {
            assertThat(Route.of(route.httpMethod(), route.path())).isSameAs(route);
            assertThat(route.exampleBody() != null).as(route.key()).isEqualTo(route.model() != null);
            assertThat(route.successSchema() == null).as(route.key()).isEqualTo(route.successStatus().equals("204"));
        }
        assertThat(Route.of("PATCH", "/counters/{name}")).isNull();
        assertThat(AtomicCounterApi.ROUTES).containsExactly(Route.values());
    }

    @Test
    void theConstructDeploysExactlyTheTablesRoutes() {
        assertThat(new TreeSet<>(methods.keySet())).isEqualTo(keys(Route.values()));
        for (Route route : Route.values()) {
            Map<String, Object> method = methods.get(route.key());
            Map<String, Object> integration = Routes.map(method.get("Integration"));
            assertThat(Routes.list(integration.get("IntegrationResponses")).get(0).get("StatusCode"))
                    .as(route.key()).isEqualTo(route.successStatus());
            assertThat(Routes.map(method.get("RequestParameters")).containsKey("method.request.header.Idempotency-Key"))
                    .as(route.key()).isEqualTo(route.idempotent());
            assertThat(Routes.joined(integration.get("Uri")).endsWith(":dynamodb:path//")).as(route.key())
                    .isEqualTo(route.actionSwitching());
            assertThat(method.containsKey("RequestModels")).as(route.key()).isEqualTo(route.model() != null);
        }
        assertThat(AtomicCounterApi.IDEMPOTENT_ROUTES).isEqualTo(keys(Route.SET_COUNTER, Route.INCREMENT,
                Route.DECREMENT, Route.NEXT));
        assertThat(AtomicCounterApi.ACTION_SWITCHING_ROUTES).isEqualTo(keys(Route.SET_COUNTER, Route.INCREMENT,
                Route.DECREMENT));
    }

    @Test
    void theOpenApiDocumentHasExactlyTheTablesOperations() {
        Set<String> operations = new TreeSet<>();
        Routes.map(openApi.get("paths")).forEach((path, item) -> Routes.map(item).forEach((method, op) -> operations
                .add(method.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(operations).isEqualTo(keys(Route.values()));
        for (Route route : Route.values()) {
            Map<String, Object> op = Routes.map(Routes.map(Routes.map(openApi.get("paths")).get(route.path()))
                    .get(route.httpMethod().toLowerCase(Locale.ROOT)));
            assertThat(op.get("operationId")).isEqualTo(route.operationId());
            assertThat(op.get("summary")).isEqualTo(route.summary());
            Map<String, Object> success = Routes.map(Routes.map(op.get("responses")).get(route.successStatus()));
            assertThat(success.get("description")).as(route.key()).isEqualTo(route.successDescription());
            assertThat(String.valueOf(success.get("content")).contains("#/components/schemas/" + route.successSchema()))
                    .as(route.key()).isEqualTo(route.successSchema() != null);
            assertThat(op.containsKey("requestBody")).as(route.key()).isEqualTo(route.model() != null);
        }
    }

    @Test
    void verifyCallsEveryRouteOnceWithABodyItsModelAcceptsExpectingItsSuccessStatus() {
        List<ContractSuite.RouteCall> calls = ContractSuite.routeTableCalls("a b/ü");
        assertThat(calls).extracting(ContractSuite.RouteCall::route).containsExactly(Route.values());
        Router router = new Router(local);
        Set<String> reached = new LinkedHashSet<>();
        for (ContractSuite.RouteCall call : calls) {
            Router.RouteMatch match = router.route(call.route().httpMethod(), router.stagePrefix() + call.path());
            String key = match.method().method().httpMethod() + " " + match.method().resource().path();
            assertThat(key).as(call.path()).isEqualTo(call.route().key());
            assertThat(match.pathParameters()).containsEntry("name", "a b/ü");
            reached.add(key);
            if (call.body() != null) {
                assertThat(match.method().schemas().get("application/json").validate(call.body()))
                        .as(call.route().key() + " " + call.body()).isEmpty();
            }
            assertThat(Routes.map(Routes.map(Routes.map(Routes.map(openApi.get("paths")).get(call.route().path()))
                    .get(call.route().httpMethod().toLowerCase(Locale.ROOT))).get("responses")))
                    .containsKey(call.route().successStatus());
        }
        assertThat(reached).hasSize(Route.values().length);
        // the pair: a body the model refuses is seen as such
        assertThat(router.route("POST", router.stagePrefix() + "/counters/x/increment").method().schemas()
                .get("application/json").validate("{\"by\": 0}")).isPresent();
    }
}
