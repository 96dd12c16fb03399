package io.github.atomiccounters.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The document of the hand-made fixture (test/resources/apimodel/counters-stack.template.json), whose methods use
 * every authorization type: GET /counters AWS_IAM, GET /counters/{name} NONE, DELETE /counters/{name} Cognito,
 * POST /counters/{name}/increment an API key; "/" and "/counters/{name}" also have CORS OPTIONS methods.
 */
class OpenApiFixtureTest {

    static final LocalFacts FACTS = new LocalFacts("eu-west-1", "123456789012", "aws", "AtomicCountersStack");

    static JsonNode template;
    static ApiModel model;
    static Map<String, Object> doc;

    @BeforeAll
    static void generate() throws Exception {
        template = ApiModel.readTemplate(Path.of(OpenApiFixtureTest.class
                .getResource("/apimodel/counters-stack.template.json").toURI()));
        model = ApiModel.fromTemplate(template, FACTS);
        doc = OpenApiGenerator.generate(model, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            assertThat((Map<String, Object>) current).as("path %s", List.of(keys)).containsKey(key);
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> node, String key) {
        return (List<Object>) node.get(key);
    }

    static Map<String, Object> op(String method, String path) {
        return at(doc, "paths", path, method);
    }

    @Test
    void headerInfoAndTemplatedServer() {
        assertThat(doc).containsKeys("openapi", "info", "servers", "paths", "components");
        assertThat(List.copyOf(doc.keySet())).startsWith("openapi", "info", "servers", "paths");
        assertThat(doc.get("openapi")).isEqualTo("3.0.3");
        assertThat(at(doc, "info")).containsEntry("title", "atomic-counters").containsEntry("version", "1");
        // the project's license, named as the pom and the LICENSE file name it
        assertThat(List.copyOf(at(doc, "info").keySet()))
                .containsExactly("title", "description", "version", "license");
        assertThat(at(doc, "info", "license")).isEqualTo(Map.of("name", "Apache-2.0",
                "url", "https://www.apache.org/licenses/LICENSE-2.0"));
        Map<String, Object> server = (Map<String, Object>) list(doc, "servers").get(0);
        assertThat(server.get("url")).isEqualTo("https://{apiId}.execute-api.{region}.amazonaws.com/{stage}");
        assertThat(at(server, "variables")).containsOnlyKeys("apiId", "region", "stage");
        assertThat(at(server, "variables", "stage")).containsEntry("default", "prod");
    }

    @Test
    void givenServerUrlIsTheOnlyServer() {
        Map<String, Object> local = OpenApiGenerator.generate(model, "http://127.0.0.1:8080/v1");
        assertThat(local.get("servers")).isEqualTo(List.of(Map.of("url", "http://127.0.0.1:8080/v1")));
        assertThat(OpenApiGenerator.generate(model, "http://127.0.0.1:8080/v1/").get("servers"))
                .isEqualTo(local.get("servers"));
        assertThatThrownBy(() -> OpenApiGenerator.generate(model, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenApiGenerator.generate(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pathsAndOperationsWithoutCorsPreflight() {
        Map<String, Object> paths = at(doc, "paths");
        // "/" has only an OPTIONS method: no path item
        assertThat(List.copyOf(paths.keySet()))
                .containsExactly("/counters", "/counters/{name}", "/counters/{name}/increment");
        assertThat(at(paths, "/counters")).containsOnlyKeys("get");
        assertThat(List.copyOf(at(paths, "/counters/{name}").keySet())).containsExactly("get", "delete");
        assertThat(at(paths, "/counters/{name}/increment")).containsOnlyKeys("post");
        assertThat(OpenApiGenerator.toJson(doc)).doesNotContain("\"options\"");
    }

    @Test
    void operationIdsAreKnownNamesForCounterRoutesAndDerivedOtherwise() {
        assertThat(op("get", "/counters").get("operationId")).isEqualTo("getCounters");
        assertThat(op("get", "/counters/{name}").get("operationId")).isEqualTo("getCounter");
        assertThat(op("delete", "/counters/{name}").get("operationId")).isEqualTo("deleteCounter");
        assertThat(op("post", "/counters/{name}/increment").get("operationId")).isEqualTo("incrementCounter");
        assertThat(OpenApiGenerator.derivedOperationId("POST", "/counters/{name}/increment"))
                .isEqualTo("postCountersNameIncrement");
        assertThat(OpenApiGenerator.derivedOperationId("GET", "/")).isEqualTo("getRoot");
        assertThat(OpenApiGenerator.derivedOperationId("ANY", "/files/{proxy+}")).isEqualTo("anyFilesProxy");
        assertThat(OpenApiGenerator.derivedOperationId("GET", "/my-items/{item_id}")).isEqualTo("getMyItemsItemId");
    }

    @Test
    void pathQueryAndRequiredness() {
        assertThat(op("get", "/counters").get("parameters")).isNull();
        List<Object> params = list(op("get", "/counters/{name}"), "parameters");
        assertThat(params).hasSize(2);
        assertThat((Map<String, Object>) params.get(0)).containsEntry("name", "name").containsEntry("in", "path")
                .containsEntry("required", true).containsEntry("schema", Map.of("type", "string"));
        assertThat((Map<String, Object>) params.get(1)).containsEntry("name", "consistent")
                .containsEntry("in", "query").containsEntry("required", false);
        assertThat(list(op("post", "/counters/{name}/increment"), "parameters")).singleElement()
                .satisfies(p -> assertThat((Map<String, Object>) p).containsEntry("name", "name")
                        .containsEntry("in", "path").containsEntry("required", true));
    }

    @Test
    void requestBodySchemaIsTheModelWithoutDollarSchema() {
        Map<String, Object> body = at(op("post", "/counters/{name}/increment"), "requestBody");
        assertThat(body.get("required")).isEqualTo(false); // the model requires no property
        Map<String, Object> schema = at(body, "content", "application/json", "schema");
        assertThat(schema).isEqualTo(Map.of("$ref", "#/components/schemas/IncrementRequest"));

        Map<String, Object> expected = new LinkedHashMap<>(model.api().resource("/counters/{name}/increment")
                .orElseThrow().methods().get("POST").requestModels().get("application/json") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of());
        assertThat(expected).containsKey("$schema");
        expected.remove("$schema");
        assertThat(at(doc, "components", "schemas", "IncrementRequest")).isEqualTo(expected);
        assertThat(op("get", "/counters/{name}")).doesNotContainKey("requestBody");
    }

    @Test
    void securityFollowsTheAuthorizationType() {
        assertThat(op("get", "/counters").get("security")).isEqualTo(List.of(Map.of("sigv4", List.of())));
        assertThat(op("get", "/counters/{name}")).doesNotContainKey("security"); // NONE, no API key
        assertThat(op("delete", "/counters/{name}").get("security")).isEqualTo(List.of(Map.of("cognito", List.of())));
        assertThat(op("post", "/counters/{name}/increment").get("security"))
                .isEqualTo(List.of(Map.of("api_key", List.of())));
        assertThat(doc).doesNotContainKey("security");

        Map<String, Object> schemes = at(doc, "components", "securitySchemes");
        assertThat(List.copyOf(schemes.keySet())).containsExactly("sigv4", "api_key", "cognito");
        assertThat(at(schemes, "sigv4")).containsEntry("type", "apiKey").containsEntry("name", "Authorization")
                .containsEntry("in", "header").containsEntry("x-amazon-apigateway-authtype", "awsSigv4");
        assertThat(at(schemes, "api_key")).containsEntry("type", "apiKey").containsEntry("name", "x-api-key")
                .containsEntry("in", "header").doesNotContainKey("x-amazon-apigateway-authtype");
        assertThat(at(schemes, "cognito")).containsEntry("type", "apiKey").containsEntry("name", "Authorization")
                .containsEntry("in", "header")
                .containsEntry("x-amazon-apigateway-authtype", "cognito_user_pools");
    }

    @Test
    void responsesComeFromMethodResponses() {
        Map<String, Object> get = at(op("get", "/counters/{name}"), "responses");
        assertThat(List.copyOf(get.keySet())).containsExactly("200", "400", "500");
        assertThat(at(get, "200", "content", "application/json", "schema"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/Counter"));
        assertThat(at(get, "400", "content", "application/json", "schema"))
                .isEqualTo(Map.of("$ref", "#/components/schemas/Error"));
        assertThat(at(get, "200", "headers")).containsOnlyKeys("Access-Control-Allow-Origin");
        assertThat(at(op("post", "/counters/{name}/increment"), "responses", "200", "content", "application/json",
                "schema")).isEqualTo(Map.of("$ref", "#/components/schemas/CounterUpdate"));

        Map<String, Object> delete = at(op("delete", "/counters/{name}"), "responses");
        assertThat(at(delete, "204")).containsOnlyKeys("description");

        // not a counter route: the Empty model is an object, other models are named
        Map<String, Object> list = at(op("get", "/counters"), "responses");
        assertThat(at(list, "200")).containsEntry("description", "OK");
        assertThat(at(list, "400", "content", "application/json", "schema")).isEqualTo(Map.of("type", "object"));
        assertThat(at(list, "200", "content", "application/json", "schema").get("description").toString())
                .contains("CounterResponse");
    }

    @Test
    void counterSchemasDescribeTheResponseBodies() {
        Map<String, Object> schemas = at(doc, "components", "schemas");
        assertThat(schemas).containsKeys("Counter", "CounterUpdate", "IdRange", "Error", "IncrementRequest");
        assertThat(list(at(schemas, "Counter"), "required")).containsExactly("name", "value");
        assertThat(at(schemas, "Counter", "properties")).containsOnlyKeys("name", "value");
        assertThat(at(schemas, "CounterUpdate", "properties")).containsOnlyKeys("name", "value", "previous", "window");
        assertThat(at(schemas, "CounterUpdate", "properties", "window", "properties"))
                .containsOnlyKeys("start", "resetAt", "limit");
        assertThat(at(schemas, "IdRange", "properties")).containsOnlyKeys("name", "value", "first", "idempotencyKey",
                "replayed");
        assertThat(list(at(schemas, "IdRange"), "required")).containsExactly("name", "value", "first");
        assertThat(list(at(schemas, "Error"), "required")).containsExactly("error", "message");
        assertThat(at(schemas, "Error", "properties")).containsOnlyKeys("error", "message", "value", "limit",
                "resetAt");
    }

    @Test
    void documentPassesTheStructuralChecks() {
        assertThat(OpenApiChecks.problems(doc)).isEmpty();
        assertThat(OpenApiChecks.problems(OpenApiGenerator.generate(model, "http://localhost:1/x"))).isEmpty();
    }

    @Test
    void structuralChecksCatchBrokenDocuments() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> broken = mapper.readValue(OpenApiGenerator.toJson(doc), Map.class);
        Map<String, Object> get = at(broken, "paths", "/counters/{name}", "get");
        get.put("operationId", "getCounters"); // duplicate
        list(get, "parameters").remove(0); // the {name} path parameter
        at(broken, "paths", "/counters/{name}/increment", "post", "requestBody", "content", "application/json")
                .put("schema", Map.of("$ref", "#/components/schemas/Nope"));
        at(broken, "components", "schemas", "Error").put("type", List.of("object", "null"));
        at(broken, "info").remove("license");
        List<String> problems = OpenApiChecks.problems(broken);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unique operationId"))
                .anySatisfy(p -> assertThat(p).contains("path parameters"))
                .anySatisfy(p -> assertThat(p).contains("dangling $ref"))
                .anySatisfy(p -> assertThat(p).contains("components.schemas.Error.type"))
                .anySatisfy(p -> assertThat(p).contains("info.license: required"));
    }

    @Test
    void sameInputSameBytes() {
        String first = OpenApiGenerator.toJson(doc);
        String again = OpenApiGenerator.toJson(OpenApiGenerator.generate(ApiModel.fromTemplate(template, FACTS), null));
        assertThat(again).isEqualTo(first);
        assertThat(first).startsWith("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\n").endsWith("}\n");
    }

    @Test
    void documentRoundTripsThroughJson() throws Exception {
        Object parsed = new ObjectMapper().readValue(OpenApiGenerator.toJson(doc), Object.class);
        assertThat(parsed).isEqualTo(doc);
        List<String> ids = new ArrayList<>();
        at(doc, "paths").values().forEach(item -> ((Map<String, Object>) item).values()
                .forEach(o -> ids.add((String) ((Map<String, Object>) o).get("operationId"))));
        assertThat(ids).containsExactly("getCounters", "getCounter", "deleteCounter", "incrementCounter");
    }
}
