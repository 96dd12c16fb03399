package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code COGNITO_USER_POOLS} authorizer names at least one user pool, each by its ARN: "A list of the Amazon
 * Cognito user pool ARNs for the COGNITO_USER_POOLS authorizer. Each element is of this format:
 * arn:aws:cognito-idp:{region}:{account_id}:userpool/{user_pool_id}" (CreateAuthorizer, {@code providerARNs}).
 */
public final class CognitoAuthorizerRule extends BaseRule {
    private static final Pattern USER_POOL_ARN = Pattern.compile(
            "arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:[0-9]{12}:userpool/[a-z0-9-]+_[0-9A-Za-z]+");

    /** The rule. */
    public CognitoAuthorizerRule() {
        super("Deploy-CognitoAuthorizer", "A Cognito authorizer names one or more user pools by ARN",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnAuthorizer authorizer
                && "COGNITO_USER_POOLS".equals(stack.resolve(authorizer.getType()))) {
            Object arns = stack.resolve(authorizer.getProviderArns());
            if (!(arns instanceof List<?> list) || list.isEmpty()) {
                findings.add(finding(resource, "ProviderARNs", arns, "a COGNITO_USER_POOLS authorizer needs the "
                        + "ARN of at least one user pool"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    Object arn = list.get(i);
                    if (StackResources.known(arn)
                            && !(arn instanceof String text && USER_POOL_ARN.matcher(text).matches())) {
                        findings.add(finding(resource, "ProviderARNs[" + i + "]", arn, "expected a user pool ARN, "
                                + "arn:aws:cognito-idp:{region}:{account_id}:userpool/{user_pool_id}"));
                    }
                }
            }
        }
        return findings;
    }
}
