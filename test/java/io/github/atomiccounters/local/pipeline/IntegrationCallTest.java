package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.Integration;
import io.github.atomiccounters.local.DynamoDbRawResponse;
import io.github.atomiccounters.local.EmbeddedDynamoDb;
import io.github.atomiccounters.local.FaultInjector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which DynamoDB action an AWS integration calls: the one an action-style URI names, or for a path-style URI the
 * X-Amz-Target integration request header (static parameter, replaced by a template override). DynamoDB Local's
 * answer shows which action ran (ListTables answers TableNames, DescribeLimits answers AccountMaxReadCapacityUnits).
 */
class IntegrationCallTest {
    private static EmbeddedDynamoDb dynamoDb;
    private static IntegrationCall call;

    @BeforeAll
    static void start() {
        dynamoDb = EmbeddedDynamoDb.start(null, 0);
        call = new IntegrationCall(dynamoDb, FaultInjector.none());
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
    }

    private static Integration aws(String uri, Map<String, String> requestParameters) {
        return new Integration("AWS", "POST", uri, "dynamodb", uri.contains(":action/") ? uri.substring(uri.indexOf(":action/") + 8) : null, null, "NEVER",
                Map.of(), requestParameters, List.of());
    }

    private static final Map<String, String> LIST_TABLES = Map.of(
            "integration.request.header.X-Amz-Target", "'DynamoDB_20120810.ListTables'",
            "integration.request.header.Content-Type", "'application/x-amz-json-1.0'");

    @Test
    void anActionStyleUriCallsItsAction() {
        DynamoDbRawResponse r = call.call(aws("arn:aws:apigateway:us-east-1:dynamodb:action/ListTables", Map.of()),
                "{}", Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("TableNames");
    }

    @Test
    void aPathStyleUriCallsTheActionOfItsStaticXAmzTargetParameter() {
        DynamoDbRawResponse r = call.call(aws("arn:aws:apigateway:us-east-1:dynamodb:path//", LIST_TABLES), "{}",
                Map.of());
        assertThat(r.body()).contains("TableNames");
    }

    @Test
    void aTemplateOverrideReplacesThePathStyleTarget() {
        DynamoDbRawResponse r = call.call(aws("arn:aws:apigateway:us-east-1:dynamodb:path//", LIST_TABLES), "{}",
                Map.of("X-Amz-Target", "DynamoDB_20120810.DescribeLimits"));
        assertThat(r.body()).contains("AccountMaxReadCapacityUnits").doesNotContain("TableNames");
    }

    @Test
    void overridingTheTargetOfAnActionStyleUriIsRefusedNotGuessed() {
        assertThatThrownBy(() -> call.call(aws("arn:aws:apigateway:us-east-1:dynamodb:action/ListTables", Map.of()),
                "{}", Map.of("X-Amz-Target", "DynamoDB_20120810.DescribeLimits")))
                .isInstanceOfSatisfying(GatewayError.class, e ->
                        assertThat(e.type()).isEqualTo(GatewayErrorType.API_CONFIGURATION_ERROR));
    }

    @Test
    void aPathStyleUriWithoutATargetIsAConfigurationError() {
        assertThatThrownBy(() -> call.call(aws("arn:aws:apigateway:us-east-1:dynamodb:path//", Map.of()), "{}",
                Map.of())).isInstanceOfSatisfying(GatewayError.class, e ->
                        assertThat(e.type()).isEqualTo(GatewayErrorType.API_CONFIGURATION_ERROR));
    }
}
