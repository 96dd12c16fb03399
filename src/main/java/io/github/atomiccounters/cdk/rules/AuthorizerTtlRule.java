package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;

import java.util.List;

/**
 * An authorizer caches its results for 0 to 3600 whole seconds: "If it equals 0, authorization caching is disabled.
 * [...] The maximum value is 3600, or 1 hour" (CreateAuthorizer, {@code authorizerResultTtlInSeconds}, an Integer).
 */
public final class AuthorizerTtlRule extends BaseRule {

    /** The rule. */
    public AuthorizerTtlRule() {
        super("Deploy-AuthorizerTtl", "An authorizer's result TTL is a whole number of seconds from 0 to 3600",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnAuthorizer authorizer
                && stack.resolve(authorizer.getAuthorizerResultTtlInSeconds()) instanceof Number ttl) {
            double seconds = ttl.doubleValue();
            if (seconds != Math.rint(seconds) || seconds < 0 || seconds > 3600) {
                return List.of(finding(resource, "AuthorizerResultTtlInSeconds", ttl,
                        "API Gateway caches authorizer results for 0 to 3600 whole seconds"));
            }
        }
        return List.of();
    }
}
