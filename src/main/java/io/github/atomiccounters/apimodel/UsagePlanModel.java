package io.github.atomiccounters.apimodel;

import java.util.List;

/**
 * A usage plan. {@code throttle} and {@code quota} are nullable. {@code apiKeyNames} lists the
 * {@link ApiKeyModel#name()} of the keys attached through {@code AWS::ApiGateway::UsagePlanKey}.
 */
public record UsagePlanModel(String name, Throttle throttle, Quota quota, List<String> apiKeyNames) {
    public UsagePlanModel {
        apiKeyNames = Immutables.list(apiKeyNames);
    }

    public UsagePlanModel(String name, Throttle throttle, Quota quota) {
        this(name, throttle, quota, List.of());
    }
}
