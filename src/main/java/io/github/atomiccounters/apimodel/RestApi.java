package io.github.atomiccounters.apimodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API. {@code stageName} may be null when nothing is deployed; {@code stageThrottle} (from the
 * "*" + "/*" method setting) is nullable. Resources are sorted by path; root "/" is always present.
 */
public record RestApi(String name, String stageName, Map<String, String> stageVariables, Throttle stageThrottle,
                      List<ApiResource> resources, Map<String, GatewayResponse> gatewayResponses,
                      List<ApiKeyModel> apiKeys, List<UsagePlanModel> usagePlans) {
    public RestApi {
        stageVariables = Immutables.map(stageVariables);
        resources = Immutables.list(resources);
        gatewayResponses = Immutables.map(gatewayResponses);
        apiKeys = Immutables.list(apiKeys);
        usagePlans = Immutables.list(usagePlans);
    }

    public Optional<ApiResource> resource(String path) {
        return resources.stream().filter(r -> r.path().equals(path)).findFirst();
    }
}
