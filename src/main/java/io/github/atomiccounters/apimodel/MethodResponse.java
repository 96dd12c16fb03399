package io.github.atomiccounters.apimodel;

import java.util.Map;

/** A method response; {@code responseModels} maps a content type to a model name (e.g. "Empty"). */
public record MethodResponse(String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels) {
    public MethodResponse {
        responseParameters = Immutables.map(responseParameters);
        responseModels = Immutables.map(responseModels);
    }
}
