package io.github.atomiccounters.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static io.github.atomiccounters.openapi.OpenApiFixtureTest.at;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code openapi} without --template synthesizes the app in-process (once for this class: ~20 s, needs node). */
class OpenApiSynthesizedTest {

    @TempDir
    static Path dir;

    static OpenApiCommandTest.Result result;
    static Path output;

    @BeforeAll
    static void synthesizeOnce() {
        output = dir.resolve("openapi.json");
        result = OpenApiCommandTest.run("--server-url", "http://127.0.0.1:8080/v1", "--output", output.toString());
    }

    @Test
    void documentsEveryRouteOfTheCdkApp() throws Exception {
        assertThat(result.exit()).as(result.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new ObjectMapper().readValue(output.toFile(), Map.class);
        for (Route route : AtomicCounterApi.ROUTES) {
            Map<String, Object> op = at(doc, "paths", route.path(), route.httpMethod().toLowerCase(Locale.ROOT));
            assertThat(at(op, "responses")).as("%s %s", route.httpMethod(), route.path())
                    .containsKey(route.successStatus());
            assertThat(op.containsKey("requestBody")).as("%s %s", route.httpMethod(), route.path())
                    .isEqualTo(route.model() != null);
        }
        assertThat(OpenApiChecks.problems(doc)).isEmpty();
    }

    @Test
    void sameDocumentAsTheGoldenTemplateSnapshot() throws Exception {
        assertThat(result.exit()).as(result.err()).isZero();
        // the snapshot's keys are sorted, so schema keywords come in another order: compare the JSON trees
        ObjectMapper mapper = new ObjectMapper();
        JsonNode expected = mapper.valueToTree(OpenApiGenerator.generate(
                ApiModel.fromFile(OpenApiSnapshotTest.TEMPLATE), "http://127.0.0.1:8080/v1"));
        assertThat(mapper.readTree(Files.readString(output))).isEqualTo(expected);
    }
}
