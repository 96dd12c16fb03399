package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An integration response maps to a method response that exists, and sets only headers that method response
 * declares: its {@code statusCode} "is used to map the integration response to an existing MethodResponse", and a
 * {@code method.response.header.*} it sets must be one of that method response's {@code responseParameters}
 * (PutIntegrationResponse). Otherwise CloudFormation's update fails with "Invalid mapping expression specified" or
 * "Invalid Response status code specified".
 */
public final class ResponseMappingRule extends BaseRule {
    private static final String HEADER = "method.response.header.";

    /** The rule. */
    public ResponseMappingRule() {
        super("Deploy-ResponseMapping", "Integration responses map to declared method responses and headers",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (!(resource instanceof CfnMethod method)
                || !(stack.resolve(method.getIntegration()) instanceof Map<?, ?> integration)
                || !(StackResources.field(integration, "IntegrationResponses") instanceof List<?> responses)) {
            return findings;
        }
        Map<Object, Map<?, ?>> declared = new LinkedHashMap<>();
        if (stack.resolve(method.getMethodResponses()) instanceof List<?> methodResponses) {
            for (Object r : methodResponses) {
                Object parameters = StackResources.field(r, "ResponseParameters");
                declared.put(StackResources.field(r, "StatusCode"),
                        parameters instanceof Map<?, ?> m ? m : Map.of());
            }
        }
        for (int i = 0; i < responses.size(); i++) {
            Object status = StackResources.field(responses.get(i), "StatusCode");
            if (!StackResources.known(status)) {
                continue;
            }
            Map<?, ?> headers = declared.get(status);
            if (headers == null) {
                findings.add(finding(resource, "Integration.IntegrationResponses[" + i + "].StatusCode", status,
                        "no method response has this status code; declared: " + declared.keySet()));
                continue;
            }
            if (StackResources.field(responses.get(i), "ResponseParameters") instanceof Map<?, ?> parameters) {
                for (Object name : parameters.keySet()) {
                    if (String.valueOf(name).startsWith(HEADER) && !headers.containsKey(name)) {
                        findings.add(finding(resource, "Integration.IntegrationResponses[" + i
                                + "].ResponseParameters", name, "the method response " + status
                                + " does not declare this header"));
                    }
                }
            }
        }
        return findings;
    }
}
