package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnStage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An access log format logs the request id: "The access log format must include at least $context.requestId or
 * $context.extendedRequestId" (API Gateway developer guide, access logging for REST APIs).
 */
public final class AccessLogFormatRule extends BaseRule {
    private static final Pattern REQUEST_ID = Pattern.compile(
            "\\$context\\.(requestId|extendedRequestId)(?![A-Za-z0-9_])");

    /** The rule. */
    public AccessLogFormatRule() {
        super("Deploy-AccessLogFormat", "An access log format includes $context.requestId or extendedRequestId",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnStage stage
                && StackResources.field(stack.resolve(stage.getAccessLogSetting()), "Format") instanceof String format
                && StackResources.known(format) && !REQUEST_ID.matcher(format).find()) {
            return List.of(finding(resource, "AccessLogSetting.Format", format, "API Gateway requires "
                    + "$context.requestId or $context.extendedRequestId in an access log format"));
        }
        return List.of();
    }
}
