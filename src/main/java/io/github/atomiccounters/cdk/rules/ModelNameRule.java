package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnModel;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A model's name is letters and digits only. CreateModel documents "Must be alphanumeric"; a name with {@code -}
 * or {@code _} fails with "Model name must be alphanumeric" (public reports: edx/api-manager PR 259,
 * terra-money/fcd-classic issue 36; the tflint AWS ruleset checks {@code ^[a-zA-Z0-9]+$}, PR 101).
 */
public final class ModelNameRule extends BaseRule {
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

    /** The rule. */
    public ModelNameRule() {
        super("Deploy-ModelName", "API Gateway model names are letters and digits only",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnModel model && stack.resolve(model.getName()) instanceof String name
                && StackResources.known(name) && !ALPHANUMERIC.matcher(name).matches()) {
            return List.of(finding(resource, "Name", name, "API Gateway refuses a model name that is not "
                    + "alphanumeric (\"Model name must be alphanumeric\"), and the stack rolls back"));
        }
        return List.of();
    }
}
