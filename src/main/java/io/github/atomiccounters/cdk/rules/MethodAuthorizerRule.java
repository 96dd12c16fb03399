package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnMethod;

import java.util.List;

/**
 * A method whose authorization type is {@code CUSTOM} or {@code COGNITO_USER_POOLS} names its authorizer: "Specifies
 * the identifier of an Authorizer to use on this Method, if the type is CUSTOM or COGNITO_USER_POOLS" (PutMethod,
 * {@code authorizerId}).
 */
public final class MethodAuthorizerRule extends BaseRule {

    /** The rule. */
    public MethodAuthorizerRule() {
        super("Deploy-MethodAuthorizer", "A CUSTOM or COGNITO_USER_POOLS method names its authorizer",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnMethod method
                && stack.resolve(method.getAuthorizationType()) instanceof String type
                && (type.equals("CUSTOM") || type.equals("COGNITO_USER_POOLS"))
                && stack.resolve(method.getAuthorizerId()) == null) {
            return List.of(finding(resource, "AuthorizationType", type, "a " + type + " method needs an "
                    + "AuthorizerId"));
        }
        return List.of();
    }
}
