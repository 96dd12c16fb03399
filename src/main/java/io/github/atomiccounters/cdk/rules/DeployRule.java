package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;

import java.util.List;

/**
 * One constraint that an AWS service enforces when CloudFormation creates or updates a resource, on values that
 * cfn-lint's resource schemas let through: a refusal there rolls the whole stack back. A rule reads the L1
 * ({@code Cfn*}) resources the construct tree emits, not a construct's props, so it also checks what a consumer adds.
 * A value known only at deploy time (a token: a {@code Ref}, an {@code Fn::GetAtt}) is skipped, never guessed.
 */
public interface DeployRule {

    /**
     * The rule's id, in findings and acknowledgments.
     *
     * @return e.g. {@code Deploy-ModelName}
     */
    String id();

    /**
     * What the rule checks, in one line.
     *
     * @return e.g. "API Gateway model names are letters and digits only"
     */
    String description();

    /**
     * Where AWS documents the constraint, or the public error report where the documentation is silent.
     *
     * @return a URL
     */
    String source();

    /**
     * The findings on one L1 resource.
     *
     * @param resource the resource to check
     * @param stack    every L1 resource of the resource's stack, for references and dependencies
     * @return one finding per offending value; empty when the rule does not apply to the resource or the values it
     *         checks are known only at deploy time
     */
    List<Finding> check(CfnResource resource, StackResources stack);
}
