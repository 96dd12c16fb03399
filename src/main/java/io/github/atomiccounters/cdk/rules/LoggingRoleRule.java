package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigateway.CfnStage;

import java.util.List;

/**
 * A stage that logs (access logs, or execution logs at INFO/ERROR or with data trace) needs the account-level
 * CloudWatch Logs role in API Gateway's settings before it is created: without it CreateStage fails with
 * "CloudWatch Logs role ARN must be set in account settings to enable logging" (developer guide, "Set up CloudWatch
 * logging": the role is an account setting, {@code cloudWatchRoleArn}). So the stack holds an
 * {@code AWS::ApiGateway::Account} with a role that the stage waits for, or the deployer acknowledges this rule
 * because the account already has the setting (the construct does when {@code cloudWatchRole} is false).
 */
public final class LoggingRoleRule extends BaseRule {

    /** The rule. */
    public LoggingRoleRule() {
        super("Deploy-LoggingRole", "A logging stage waits for the account's API Gateway CloudWatch Logs role",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (!(resource instanceof CfnStage stage) || !logs(stage, stack)) {
            return List.of();
        }
        List<CfnAccount> accounts = stack.ofType(CfnAccount.class).stream()
                .filter(a -> stack.resolve(a.getCloudWatchRoleArn()) != null).toList();
        if (accounts.isEmpty()) {
            return List.of(finding(resource, "MethodSettings/AccessLogSetting", "logging", "API Gateway refuses a "
                    + "logging stage (\"CloudWatch Logs role ARN must be set in account settings to enable logging\") "
                    + "unless the account's settings name a CloudWatch Logs role: create it in this stack "
                    + "(AWS::ApiGateway::Account), or acknowledge this rule if the account already has it"));
        }
        if (accounts.stream().noneMatch(a -> stack.createdBefore(resource, a, null))) {
            return List.of(finding(resource, "DependsOn", "logging", "the stage logs but does not wait for "
                    + StackResources.path(accounts.get(0)) + ", which sets the account's CloudWatch Logs role: "
                    + "CloudFormation may create the stage first, and API Gateway refuses it"));
        }
        return List.of();
    }

    private static boolean logs(CfnStage stage, StackResources stack) {
        if (StackResources.field(stack.resolve(stage.getAccessLogSetting()), "DestinationArn") != null) {
            return true;
        }
        if (stack.resolve(stage.getMethodSettings()) instanceof List<?> settings) {
            for (Object setting : settings) {
                Object level = StackResources.field(setting, "LoggingLevel");
                if ("INFO".equals(level) || "ERROR".equals(level)
                        || Boolean.TRUE.equals(StackResources.field(setting, "DataTraceEnabled"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
