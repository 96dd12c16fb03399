package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;

/**
 * Stage 7: picks the integration response. For AWS and MOCK integrations a selection pattern is a Java regex
 * that must match the whole integration status code ("400"), not a prefix; the response without a pattern is
 * the default. No match and no default is API Gateway's 500 "Internal server error".
 */
public final class IntegrationResponseSelection {

    public CompiledIntegrationResponse select(CompiledMethod method, int integrationStatus) {
        String status = Integer.toString(integrationStatus);
        CompiledIntegrationResponse fallback = null;
        for (CompiledIntegrationResponse candidate : method.integrationResponses()) {
            if (candidate.selectionPattern() == null) {
                if (fallback == null) {
                    fallback = candidate;
                }
            } else if (candidate.selectionPattern().matcher(status).matches()) {
                return candidate;
            }
        }
        if (fallback == null) {
            throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
        }
        return fallback;
    }
}
