package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnApiKey;

import java.util.ArrayList;
import java.util.List;

/**
 * An API key's value is 20 to 128 characters and its name at most 1024: "A Key value must be between 20 and 128
 * characters. A Name value cannot exceed 1024 characters" (API Gateway developer guide, API key file format; the
 * CreateApiKey reference states no bound, the AWS CDK's {@code ApiKey} construct enforces the same 20-128).
 */
public final class ApiKeyValueRule extends BaseRule {

    /** The rule. */
    public ApiKeyValueRule() {
        super("Deploy-ApiKeyValue", "An API key value is 20-128 characters, its name at most 1024",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-key-file-format.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnApiKey key) {
            if (stack.resolve(key.getValue()) instanceof String value && StackResources.known(value)
                    && (value.length() < 20 || value.length() > 128)) {
                findings.add(finding(resource, "Value", value.length() + " characters",
                        "an API key value is 20 to 128 characters"));
            }
            if (stack.resolve(key.getName()) instanceof String name && StackResources.known(name)
                    && name.length() > 1024) {
                findings.add(finding(resource, "Name", name.length() + " characters",
                        "an API key name is at most 1024 characters"));
            }
        }
        return findings;
    }
}
