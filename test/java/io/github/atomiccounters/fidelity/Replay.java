package io.github.atomiccounters.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder.Exchange;
import io.github.atomiccounters.local.pipeline.IntegrationResponseSelection;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingException;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;

import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders a recorded exchange again with a compiled API: the request template on the recorded input, then the
 * integration response chosen by the recorded DynamoDB status, rendered on the recorded DynamoDB body. What comes out
 * is compared as JSON (whitespace and escaping that JSON ignores do not count).
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final IntegrationResponseSelection SELECTION = new IntegrationResponseSelection();

    /**
     * What a replay produced: the DynamoDB request (JSON, or the text when it is not JSON) with the request
     * overrides, or the status of a refused render; then the client's body, status and override headers.
     */
    record Outcome(Object dynamoDbRequest, Map<String, String> requestOverrides, Integer requestError,
                   Object clientBody, Integer clientStatus, Map<String, String> responseOverrides,
                   Integer responseError) {
    }

    private Replay() {
    }

    static Outcome run(CompiledApi api, Exchange exchange, UnaryOperator<Map<String, String>> headers) {
        CompiledMethod method = method(api, exchange.route());
        MappingContext context = MappingContext.copyOf(exchange.context());
        MappingInput input = new MappingInput(exchange.body(), exchange.path(), exchange.querystring(),
                headers.apply(exchange.headers()), exchange.stageVariables(), context);
        MappingTemplate request = method.requestTemplates().get("application/json");
        String rendered;
        try {
            rendered = request.render(input);
        } catch (MappingException e) {
            return new Outcome(null, null, e.status(), null, null, null, null);
        }
        Outcome requestPart = new Outcome(json(rendered), context.requestOverrideHeaders(), null, null, null, null,
                null);
        if (exchange.integrationStatus() == null) {
            return requestPart;
        }
        CompiledIntegrationResponse selected = SELECTION.select(method, exchange.integrationStatus());
        MappingTemplate response = selected.templates().get("application/json");
        Object body;
        try {
            body = response == null ? exchange.integrationBody()
                    : json(response.render(input.withBody(exchange.integrationBody())));
        } catch (MappingException e) {
            return new Outcome(requestPart.dynamoDbRequest(), requestPart.requestOverrides(), null, null, null, null,
                    e.status());
        }
        int status = context.responseOverrideStatus().orElse(Integer.parseInt(selected.response().statusCode()));
        return new Outcome(requestPart.dynamoDbRequest(), requestPart.requestOverrides(), null, body, status,
                context.responseOverrideHeaders(), null);
    }

    static CompiledMethod method(CompiledApi api, String route) {
        return api.methods().stream()
                .filter(m -> (m.method().httpMethod() + " " + m.resource().path()).equals(route))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + route + " in the API"));
    }

    /** JSON text as a tree; anything else (an empty 204 body, a broken render) as its stripped text. */
    static Object json(String text) {
        if (text == null || text.isBlank()) {
            return text == null ? null : "";
        }
        try {
            JsonNode tree = JSON.readTree(text);
            return tree == null ? text.strip() : tree;
        } catch (IOException e) {
            return "NOT JSON: " + text.strip();
        }
    }
}
