package io.github.atomiccounters.local.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.atomiccounters.apimodel.GatewayResponse;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledGatewayResponse;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 9: API Gateway's own errors. The gateway response of the error's type applies, else DEFAULT_4XX or
 * DEFAULT_5XX, else API Gateway's built-in {@code {"message": ...}}. Its template is rendered by simple substitution
 * ({@link GatewayResponseTemplate}) and sees {@code $context.error.message}, {@code .messageString} (quoted for
 * JSON), {@code .responseType} and {@code .validationErrorString} (not escaped).
 */
public final class GatewayResponses {
    private final Map<String, CompiledGatewayResponse> responses;

    public GatewayResponses(CompiledApi api) {
        this.responses = api.gatewayResponses();
    }

    public LocalResponse render(GatewayError error, MappingInput input, LocalRequest request) {
        GatewayErrorType type = error.type();
        MappingContext context = input.context();
        context.put("error.message", error.getMessage());
        context.put("error.messageString", quote(error.getMessage()));
        context.put("error.responseType", type.responseType());
        if (error.validationErrorString() != null) {
            context.put("error.validationErrorString", error.validationErrorString());
        }
        CompiledGatewayResponse configured = responses.get(type.responseType());
        if (configured == null) {
            configured = responses.get(type.defaultResponseType());
        }
        int status = type.status();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", errorTypeHeader(type));
        String body = "{\"message\":" + quote(error.getMessage()) + "}";
        if (configured != null) {
            GatewayResponse response = configured.response();
            if (response.statusCode() != null && !response.statusCode().isEmpty()) {
                status = Integer.parseInt(response.statusCode());
            }
            GatewayResponseTemplate template = configured.templates().get("application/json");
            if (template == null && !configured.templates().isEmpty()) {
                template = configured.templates().values().iterator().next();
            }
            if (template != null) {
                body = template.render(context, input.stageVariables());
            }
            response.responseParameters().forEach((target, source) -> {
                if (target.startsWith("gatewayresponse.header.")) {
                    String value = ResponseMapping.resolve(source, Map.of(), request);
                    if (value != null) {
                        headers.put(target.substring("gatewayresponse.header.".length()), value);
                    }
                }
            });
        }
        return new LocalResponse(status, headers, body);
    }

    private static String errorTypeHeader(GatewayErrorType type) {
        return switch (type) {
            case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationTokenException";
            case INVALID_SIGNATURE -> "InvalidSignatureException";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
            case UNRECOGNIZED_CLIENT -> "UnrecognizedClientException";
            case ACCESS_DENIED, INVALID_API_KEY -> "ForbiddenException";
            case UNAUTHORIZED -> "UnauthorizedException";
            case THROTTLED, QUOTA_EXCEEDED -> "TooManyRequestsException";
            case BAD_REQUEST_BODY, BAD_REQUEST_PARAMETERS -> "BadRequestException";
            default -> type.status() >= 500 ? "InternalServerErrorException" : "BadRequestException";
        };
    }

    /** A JSON string literal (Jackson's escaping). */
    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
