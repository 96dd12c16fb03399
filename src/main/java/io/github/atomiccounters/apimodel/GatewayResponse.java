package io.github.atomiccounters.apimodel;

import java.util.Map;

/** A gateway response customisation; {@code statusCode} is null when the type's default applies. */
public record GatewayResponse(String responseType, String statusCode, Map<String, String> responseParameters,
                              Map<String, String> responseTemplates) {
    public GatewayResponse {
        responseParameters = Immutables.map(responseParameters);
        responseTemplates = Immutables.map(responseTemplates);
    }
}
