package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stage variable names are letters, digits and {@code _}; values are not empty and match
 * {@code [A-Za-z0-9-._~:/?#&=,]+}: "Variable names can have alphanumeric and underscore characters, and the values
 * must match [A-Za-z0-9-._~:/?#&=,]+" (CreateStage, {@code variables}). A value known only at deploy time (a table
 * name from a {@code Ref}) is skipped.
 */
public final class StageVariablesRule extends BaseRule {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]+");

    /** The rule. */
    public StageVariablesRule() {
        super("Deploy-StageVariables", "Stage variable names are [A-Za-z0-9_]+, values [A-Za-z0-9-._~:/?#&=,]+",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnStage stage && stack.resolve(stage.getVariables()) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                if (!NAME.matcher(String.valueOf(name)).matches()) {
                    findings.add(finding(resource, "Variables", name, "API Gateway accepts stage variable names of "
                            + "letters, digits and '_' only"));
                } else if (StackResources.known(value)
                        && !(value instanceof String text && VALUE.matcher(text).matches())) {
                    findings.add(finding(resource, "Variables." + name, value, "API Gateway accepts stage variable "
                            + "values matching [A-Za-z0-9-._~:/?#&=,]+ (not empty)"));
                }
            });
        }
        return findings;
    }
}
