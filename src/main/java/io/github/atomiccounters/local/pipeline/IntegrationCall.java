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
 * Stage 6: calls the integration. AWS integrations to DynamoDB send the rendered body to the named action of
 * DynamoDB Local as API Gateway sends it (an {@code X-Amz-Target} request override picks another action) and
 * return DynamoDB's raw status and body; injected faults replace the call. MOCK integrations answer with the
 * {@code statusCode} of the rendered request body.
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
            String action = integration.action();
            String target = requestOverrideHeaders.get("X-Amz-Target");
            if (target != null && target.contains(".")) {
                action = target.substring(target.lastIndexOf('.') + 1);
            }
            if (action == null) {
                throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
            }
            Optional<DynamoDbRawResponse> fault = faults.maybeFault();
            return fault.isPresent() ? fault.get() : dynamoDb.call(action, body);
        }
        // Lambda, HTTP and other AWS services are outside what this runtime serves
        throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
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
