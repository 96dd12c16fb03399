package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.Integration;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;
import io.github.atomiccounters.vtl.MappingException;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;

/**
 * Stage 5: the integration request body. The request template is chosen by the request's content type
 * (application/json when none is sent); without a matching template the passthrough behaviour decides:
 * NEVER answers 415, WHEN_NO_MATCH passes the body through, WHEN_NO_TEMPLATES only when there are no templates.
 */
public final class RequestMapping {

    public String map(CompiledMethod method, String contentType, MappingInput input) {
        Integration integration = method.method().integration();
        MappingTemplate template = method.requestTemplates().get(contentType);
        if (template == null) {
            String passthrough = integration.passthroughBehavior() == null ? "WHEN_NO_MATCH"
                    : integration.passthroughBehavior();
            boolean passes = switch (passthrough) {
                case "WHEN_NO_MATCH" -> true;
                case "WHEN_NO_TEMPLATES" -> method.requestTemplates().isEmpty();
                default -> false;
            };
            if (!passes) {
                throw new GatewayError(GatewayErrorType.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type");
            }
            return input.body();
        }
        try {
            return template.render(input);
        } catch (MappingException e) {
            throw e.status() < 500
                    ? new GatewayError(GatewayErrorType.BAD_REQUEST_BODY, e.getMessage(), e.getMessage())
                    : new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
        }
    }
}
