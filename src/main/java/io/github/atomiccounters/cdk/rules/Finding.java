package io.github.atomiccounters.cdk.rules;

/**
 * A value an AWS service would refuse at deploy time.
 *
 * @param ruleId   the rule that found it, e.g. {@code Deploy-StageName}
 * @param path     the construct path of the L1 resource holding it
 * @param property the CloudFormation property (and position within it), e.g. {@code StageName}
 * @param value    the offending value as it would be deployed
 * @param problem  what the service requires, in one sentence
 */
public record Finding(String ruleId, String path, String property, String value, String problem) {

    /**
     * The finding as synthesis reports it: rule id, resource, property, value and requirement.
     *
     * @return e.g. {@code [Deploy-StageName] S/Counters/Resource/DeploymentStage.v1/Resource StageName = "v1.2": ...}
     */
    @Override
    public String toString() {
        return "[" + ruleId + "] " + path + " " + property + " = " + value + ": " + problem;
    }
}
