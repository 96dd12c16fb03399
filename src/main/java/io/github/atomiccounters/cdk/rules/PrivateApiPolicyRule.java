package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnRestApi;

import java.util.List;

/**
 * A private REST API has a resource policy: API Gateway refuses to deploy one without ("BadRequestException: Private
 * REST API doesn't have a resource policy attached to it", from CreateDeployment, so the stack rolls back at the
 * Deployment; public reports: hashicorp/terraform-provider-aws issue 14290, aws/serverless-application-model issue
 * 3764). A private API is reachable only through interface VPC endpoints, and its policy says which.
 */
public final class PrivateApiPolicyRule extends BaseRule {

    /** The rule. */
    public PrivateApiPolicyRule() {
        super("Deploy-PrivateApiPolicy", "A private REST API has a resource policy",
                "https://github.com/hashicorp/terraform-provider-aws/issues/14290");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnRestApi api
                && StackResources.field(stack.resolve(api.getEndpointConfiguration()), "Types") instanceof List<?> types
                && types.contains("PRIVATE") && stack.resolve(api.getPolicy()) == null
                && stack.resolve(api.getBody()) == null && stack.resolve(api.getBodyS3Location()) == null) {
            return List.of(finding(resource, "Policy", "none", "API Gateway refuses to deploy a private REST API "
                    + "without a resource policy (\"Private REST API doesn't have a resource policy attached to it\"): "
                    + "allow execute-api:Invoke from its VPC endpoints"));
        }
        return List.of();
    }
}
