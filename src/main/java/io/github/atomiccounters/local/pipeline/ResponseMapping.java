package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingException;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 8: the method response. The selected integration response's template renders the integration body
 * (same {@code $context} as the request template); its status code applies unless the template set
 * {@code $context.responseOverride.status}; response parameters set headers (static {@code 'values'},
 * {@code integration.response.header.*}, {@code method.request.header.*}), then header overrides apply.
 */
public final class ResponseMapping {
    private static final String JSON = "application/json";

    public LocalResponse map(CompiledIntegrationResponse selected, MappingInput requestInput, String integrationBody,
                             Map<String, String> integrationHeaders, LocalRequest request) {
        MappingContext context = requestInput.context();
        String body;
        String contentType = JSON;
        MappingTemplate template = pickTemplate(selected, request.header("Accept"));
        if (template == null) {
            body = integrationBody;  // no template: the integration body passes through
        } else {
            contentType = selected.templates().entrySet().stream().filter(e -> e.getValue() == template)
                    .map(Map.Entry::getKey).findFirst().orElse(JSON);
            try {
                body = template.render(requestInput.withBody(integrationBody));
            } catch (MappingException e) {
                throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
            }
        }
        int status = context.responseOverrideStatus().orElseGet(() -> parseStatus(selected.response().statusCode()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        selected.response().responseParameters().forEach((target, source) -> {
            if (target.startsWith("method.response.header.")) {
                String value = resolve(source, integrationHeaders, request);
                if (value != null) {
                    headers.put(target.substring("method.response.header.".length()), value);
                }
            }
        });
        headers.putAll(context.responseOverrideHeaders());
        return new LocalResponse(status, headers, body);
    }

    private static MappingTemplate pickTemplate(CompiledIntegrationResponse selected, String accept) {
        if (selected.templates().isEmpty()) {
            return null;
        }
        if (accept != null) {
            MappingTemplate byAccept = selected.templates().get(accept.split("[;,]")[0].trim().toLowerCase());
            if (byAccept != null) {
                return byAccept;
            }
        }
        MappingTemplate json = selected.templates().get(JSON);
        return json != null ? json : selected.templates().values().iterator().next();
    }

    /** A response parameter's source: a quoted literal, or a header of the integration response or request. */
    static String resolve(String source, Map<String, String> integrationHeaders, LocalRequest request) {
        if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
            return source.substring(1, source.length() - 1);
        }
        if (source.startsWith("integration.response.header.")) {
            return integrationHeaders.get(source.substring("integration.response.header.".length()));
        }
        if (source.startsWith("method.request.header.")) {
            return request.header(source.substring("method.request.header.".length()));
        }
        return null;
    }

    private static int parseStatus(String statusCode) {
        try {
            return Integer.parseInt(statusCode);
        } catch (NumberFormatException e) {
            throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
        }
    }
}
