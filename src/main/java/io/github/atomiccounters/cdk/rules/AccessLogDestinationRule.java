package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnStage;

import java.util.List;

/**
 * Access logs sent to Kinesis Data Firehose go to a delivery stream named {@code amazon-apigateway-...}: "If you
 * specify a Kinesis Data Firehose delivery stream, the stream name must begin with amazon-apigateway-"
 * (AccessLogSettings, {@code destinationArn}). A log group ARN, or one known only at deploy time, passes.
 */
public final class AccessLogDestinationRule extends BaseRule {

    /** The rule. */
    public AccessLogDestinationRule() {
        super("Deploy-AccessLogDestination", "A Firehose access-log destination is named amazon-apigateway-*",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_AccessLogSettings.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (resource instanceof CfnStage stage && StackResources.field(stack.resolve(stage.getAccessLogSetting()),
                "DestinationArn") instanceof String arn && StackResources.known(arn) && arn.contains(":firehose:")) {
            String stream = arn.substring(arn.lastIndexOf('/') + 1);
            if (!arn.contains(":deliverystream/") || !stream.startsWith("amazon-apigateway-")) {
                return List.of(finding(resource, "AccessLogSetting.DestinationArn", arn, "API Gateway sends access "
                        + "logs only to a Firehose delivery stream whose name begins with amazon-apigateway-"));
            }
        }
        return List.of();
    }
}
