package io.github.atomiccounters.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.vtl.VtlEngine;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator serves only what API Gateway would accept: a mapping template over 300 KB cannot be deployed. */
class CompiledApiLimitsTest {
    private static final Path FIXTURE = Path.of("test/resources/apimodel/counters-stack.template.json");

    private static JsonNode fixtureWithRequestTemplate(String template) throws Exception {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(FIXTURE.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.get("Resources").fields(); it.hasNext(); ) {
            JsonNode resource = it.next().getValue();
            JsonNode templates = resource.path("Properties").path("Integration").path("RequestTemplates");
            if ("AWS::ApiGateway::Method".equals(resource.path("Type").asText()) && templates.isObject()) {
                ((ObjectNode) templates).put("application/json", template);
                return tree;
            }
        }
        throw new AssertionError("no method with a request template in " + FIXTURE);
    }

    @Test
    void aTemplateOf300KbIsServedAndOneByteMoreIsRefused() throws Exception {
        String fits = "{}" + " ".repeat(300 * 1024 - 2);
        assertThatCode(() -> new CompiledApi(ApiModel.fromTemplate(fixtureWithRequestTemplate(fits),
                LocalFacts.defaults()), new VtlEngine())).doesNotThrowAnyException();
        JsonNode tooBig = fixtureWithRequestTemplate(fits + " ");
        assertThatThrownBy(() -> new CompiledApi(ApiModel.fromTemplate(tooBig, LocalFacts.defaults()),
                new VtlEngine())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("307201 bytes").hasMessageContaining("cannot be deployed");
        assertThat(fits.length()).isEqualTo(300 * 1024);
    }
}
