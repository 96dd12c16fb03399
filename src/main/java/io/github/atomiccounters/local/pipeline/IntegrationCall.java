package io.github.atomiccounters.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.Integration;
import io.github.atomiccounters.local.DynamoDbRawResponse;
import io.github.atomiccounters.local.EmbeddedDynamoDb;
import io.github.atomiccounters.local.FaultInjector;

import java.util.Map;
import java.util.Optional;

/**
 * Stage 6: calls the integration. AWS integrations to DynamoDB send the rendered body to DynamoDB Local as API Gateway
 * sends it and return DynamoDB's raw status and body; injected faults replace the call. The action is the one an
 * action-style URI names ({@code dynamodb:action/GetItem}), or, for a path-style URI ({@code dynamodb:path//}), the
 * {@code X-Amz-Target} integration request header: its static parameter, replaced by the template's
 * {@code $context.requestOverride.header.X-Amz-Target} if set (the override AWS documents). Overriding the target
 * of an action-style URI is undocumented, so it is refused here (500) rather than guessed. MOCK integrations answer
 * with the {@code statusCode} of the rendered request body.
 */
public final class IntegrationCall {
    // MOCK request templates are often not strict JSON (CDK writes "{ statusCode: 200 }"): read them leniently
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    private final EmbeddedDynamoDb dynamoDb;
    private final FaultInjector faults;

    public IntegrationCall(EmbeddedDynamoDb dynamoDb, FaultInjector faults) {
        this.dynamoDb = dynamoDb;
        this.faults = faults;
    }

    public DynamoDbRawResponse call(Integration integration, String body, Map<String, String> requestOverrideHeaders) {
        String type = integration.type() == null ? "" : integration.type().toUpperCase();
        if (type.equals("MOCK")) {
            return new DynamoDbRawResponse(mockStatus(body), "");
        }
        if (type.equals("AWS") && "dynamodb".equals(integration.awsService())) {
            String override = requestOverrideHeaders.get("X-Amz-Target");
            String action;
            if (integration.action() != null) {
                if (override != null) {
                    throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
                }
                action = integration.action();
            } else {
                String target = override != null ? override
                        : staticValue(integration.requestParameters().get("integration.request.header.X-Amz-Target"));
                if (target == null || !target.startsWith("DynamoDB_20120810.")) {
                    throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
                }
                action = target.substring(target.indexOf('.') + 1);
            }
            Optional<DynamoDbRawResponse> fault = faults.maybeFault();
            return fault.isPresent() ? fault.get() : dynamoDb.call(action, body);
        }
        // Lambda, HTTP and other AWS services are outside what this runtime serves
        throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
    }

    /** The value of a static request parameter ({@code 'text'}), or null. */
    private static String staticValue(String parameter) {
        return parameter != null && parameter.length() >= 2 && parameter.startsWith("'") && parameter.endsWith("'")
                ? parameter.substring(1, parameter.length() - 1) : null;
    }

    private static int mockStatus(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return node.path("statusCode").asInt(200);
        } catch (Exception e) {
            return 500;
        }
    }
}
