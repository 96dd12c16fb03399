package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnBasePathMapping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A base path mapping of a custom domain maps one path segment of letters, digits and {@code $-_.+!*'()} (the
 * characters the CDK's own {@code BasePathMapping} accepts), or {@code (none)}: a multi-level path
 * ({@code orders/v1}) is an API mapping ({@code AWS::ApiGatewayV2::ApiMapping}) of a Regional domain with the TLS 1.2
 * security policy ("Use API mappings to connect API stages to a custom domain name for REST APIs").
 */
public final class BasePathRule extends BaseRule {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9$_.+!*'()-]+");

    /** The rule. */
    public BasePathRule() {
        super("Deploy-BasePath", "A base path mapping's path is one segment of letters, digits and $-_.+!*'()",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnBasePathMapping mapping && stack.resolve(mapping.getBasePath()) instanceof String path
                && StackResources.known(path) && !path.equals("(none)") && !SEGMENT.matcher(path).matches()) {
            return List.of(finding(resource, "BasePath", path, path.contains("/")
                    ? "a multi-level base path is an API mapping (AWS::ApiGatewayV2::ApiMapping) of a Regional domain "
                    + "with the TLS 1.2 security policy, not a base path mapping"
                    : "API Gateway's base paths are letters, digits and $-_.+!*'()"));
        }
        return List.of();
    }
}
