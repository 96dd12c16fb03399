package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.RequestValidatorModel;
import io.github.atomiccounters.local.JsonSchemaValidation;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 4: the method's request validator. Required parameters must be present (path parameters are never
 * checked against a pattern, as on AWS); the body must match the model of its content type (JSON Schema
 * draft 4). Failures are BAD_REQUEST_PARAMETERS / BAD_REQUEST_BODY gateway responses.
 */
public final class RequestValidation {

    public void validate(CompiledMethod method, LocalRequest request, Map<String, String> pathParameters,
                         Map<String, String> query, String contentType) {
        RequestValidatorModel validator = method.method().validator();
        if (validator == null) {
            return;
        }
        if (validator.validateParameters()) {
            List<String> missing = new ArrayList<>();
            method.method().requestParameters().forEach((name, required) -> {
                if (!Boolean.TRUE.equals(required)) {
                    return;
                }
                String[] parts = name.split("\\.", 4);  // method.request.<location>.<name>
                if (parts.length < 4) {
                    return;
                }
                boolean present = switch (parts[2]) {
                    case "path" -> pathParameters.containsKey(parts[3]);
                    case "querystring" -> query.containsKey(parts[3]);
                    case "header" -> request.header(parts[3]) != null;
                    default -> true;
                };
                if (!present) {
                    missing.add(parts[3]);
                }
            });
            if (!missing.isEmpty()) {
                throw new GatewayError(GatewayErrorType.BAD_REQUEST_PARAMETERS,
                        "Missing required request parameters: " + missing);
            }
        }
        if (validator.validateBody()) {
            JsonSchemaValidation.CompiledSchema schema = method.schemas().get(contentType);
            if (schema != null) {
                Optional<String> error = schema.validate(request.bodyText());
                if (error.isPresent()) {
                    throw new GatewayError(GatewayErrorType.BAD_REQUEST_BODY, "Invalid request body", error.get());
                }
            }
        }
    }
}
