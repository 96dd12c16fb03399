package io.github.atomiccounters.apimodel;

import java.util.Map;

/** An integration response; a null {@code selectionPattern} marks the default response. */
public record IntegrationResponse(String statusCode, String selectionPattern, Map<String, String> responseTemplates,
                                  Map<String, String> responseParameters) {
    public IntegrationResponse {
        responseTemplates = Immutables.map(responseTemplates);
        responseParameters = Immutables.map(responseParameters);
    }

    public boolean isDefault() {
        return selectionPattern == null;
    }
}
