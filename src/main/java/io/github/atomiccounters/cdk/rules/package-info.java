/**
 * The deploy-rules pack: constraints AWS services enforce when CloudFormation creates or updates the resources, on
 * values that CloudFormation's resource schemas (and so cfn-lint) let through. Each rule is one constraint in one
 * class, with its id, a one-line description and the AWS documentation (or public error report) it enforces; it
 * reads the L1 resources of the construct tree and skips values known only at deploy time.
 * {@link io.github.atomiccounters.cdk.rules.DeployRules} runs them as a construct validation;
 * {@link io.github.atomiccounters.cdk.rules.TemplateSizeRule} checks the written template as a validation plugin.
 */
package io.github.atomiccounters.cdk.rules;
