package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnDeployment;
import software.amazon.awscdk.services.apigateway.CfnStage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A stage name is letters, digits, {@code -} and {@code _}, at most 128 characters: "Stage names can only contain
 * alphanumeric characters, hyphens, and underscores. Maximum length is 128 characters" (CreateStage).
 */
public final class StageNameRule extends BaseRule {
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** The rule. */
    public StageNameRule() {
        super("Deploy-StageName", "API Gateway stage names are letters, digits, '-' and '_', at most 128",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        String name = resource instanceof CfnStage stage ? stage.getStageName()
                : resource instanceof CfnDeployment deployment ? deployment.getStageName() : null;
        if (stack.resolve(name) instanceof String resolved && StackResources.known(resolved)
                && !STAGE_NAME.matcher(resolved).matches()) {
            return List.of(finding(resource, "StageName", resolved, "API Gateway accepts stage names of letters, "
                    + "digits, '-' and '_', at most 128 characters"));
        }
        return List.of();
    }
}
