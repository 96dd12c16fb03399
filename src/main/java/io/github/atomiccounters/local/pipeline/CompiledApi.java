package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.ApiMethod;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.ApiResource;
import io.github.atomiccounters.apimodel.GatewayResponse;
import io.github.atomiccounters.apimodel.IntegrationResponse;
import io.github.atomiccounters.cdk.rules.MappingTemplateSizeRule;
import io.github.atomiccounters.local.JsonSchemaValidation;
import io.github.atomiccounters.vtl.MappingTemplate;
import io.github.atomiccounters.vtl.VtlEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API model with everything parsed once at start-up: mapping templates compiled, JSON schemas compiled,
 * selection patterns compiled. Requests only look things up here.
 */
public final class CompiledApi {

    /** One method of one resource, ready to serve. */
    public record CompiledMethod(ApiResource resource, ApiMethod method, Map<String, MappingTemplate> requestTemplates,
                                 List<CompiledIntegrationResponse> integrationResponses,
                                 Map<String, JsonSchemaValidation.CompiledSchema> schemas) {
    }

    /** An integration response with its selection pattern (null = default) and templates compiled. */
    public record CompiledIntegrationResponse(IntegrationResponse response, Pattern selectionPattern,
                                              Map<String, MappingTemplate> templates) {
    }

    /** A gateway response with its templates (simple substitution, not VTL). */
    public record CompiledGatewayResponse(GatewayResponse response, Map<String, GatewayResponseTemplate> templates) {
    }

    private final ApiModel model;
    private final List<CompiledMethod> methods = new ArrayList<>();
    private final Map<String, CompiledGatewayResponse> gatewayResponses = new LinkedHashMap<>();

    public CompiledApi(ApiModel model, VtlEngine engine) {
        this.model = model;
        for (ApiResource resource : model.api().resources()) {
            for (ApiMethod method : resource.methods().values()) {
                String where = method.httpMethod() + " " + resource.path();
                Map<String, MappingTemplate> requestTemplates = new LinkedHashMap<>();
                List<CompiledIntegrationResponse> responses = new ArrayList<>();
                if (method.integration() != null) {
                    method.integration().requestTemplates().forEach((type, text) ->
                            requestTemplates.put(type.toLowerCase(), compile(engine, where + " request " + type, text)));
                    for (IntegrationResponse r : method.integration().responses()) {
                        Map<String, MappingTemplate> templates = new LinkedHashMap<>();
                        r.responseTemplates().forEach((type, text) -> templates.put(type.toLowerCase(),
                                compile(engine, where + " response " + r.statusCode() + " " + type, text)));
                        Pattern pattern = r.selectionPattern() == null || r.selectionPattern().isEmpty()
                                ? null : Pattern.compile(r.selectionPattern());
                        responses.add(new CompiledIntegrationResponse(r, pattern, templates));
                    }
                }
                Map<String, JsonSchemaValidation.CompiledSchema> schemas = new LinkedHashMap<>();
                method.requestModels().forEach((type, schema) ->
                        schemas.put(type.toLowerCase(), JsonSchemaValidation.compile(schema)));
                methods.add(new CompiledMethod(resource, method, requestTemplates, responses, schemas));
            }
        }
        model.api().gatewayResponses().forEach((type, response) -> {
            Map<String, GatewayResponseTemplate> templates = new LinkedHashMap<>();
            response.responseTemplates().forEach((contentType, text) ->
                    templates.put(contentType.toLowerCase(), new GatewayResponseTemplate(text)));
            gatewayResponses.put(type, new CompiledGatewayResponse(response, templates));
        });
    }

    /** A mapping template as API Gateway would accept it: over 300 KB it cannot be deployed at all. */
    private static MappingTemplate compile(VtlEngine engine, String where, String text) {
        List<String> problems = MappingTemplateSizeRule.problems(where, text);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0) + ": this API cannot be deployed");
        }
        return engine.compile(where, text);
    }

    public ApiModel model() {
        return model;
    }

    public List<CompiledMethod> methods() {
        return methods;
    }

    public Map<String, CompiledGatewayResponse> gatewayResponses() {
        return gatewayResponses;
    }
}
