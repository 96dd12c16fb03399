package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each auth mode chosen by context: what every counter method requires, and cdk-nag stays clean. */
class AuthModesTest {

    private static List<Map<String, Object>> counterMethods(Synth synth) {
        return Routes.methodsByRoute(synth.template.toJSON()).entrySet().stream()
                .filter(e -> !e.getKey().startsWith("OPTIONS"))
                .map(Map.Entry::getValue).toList();
    }

    @Nested
    class ApiKey {
        private final Synth synth = Synth.of(Map.of("auth", "api-key", "apiKeyRate", "5", "apiKeyBurst", "7",
                "apiKeyQuotaPerDay", "1000"));

        @Test
        void everyMethodRequiresAKeyUnderAUsagePlan() {
            assertThat(counterMethods(synth)).hasSize(AtomicCounterApi.ROUTES.size()).allSatisfy(m -> {
                assertThat(m.get("ApiKeyRequired")).isEqualTo(true);
                assertThat(m.get("AuthorizationType")).isEqualTo("NONE");
            });
            Map<String, Object> plan = synth.only("AWS::ApiGateway::UsagePlan");
            assertThat(plan.get("Throttle")).isEqualTo(Map.of("RateLimit", 5, "BurstLimit", 7));
            assertThat(plan.get("Quota")).isEqualTo(Map.of("Limit", 1000, "Period", "DAY"));
            synth.only("AWS::ApiGateway::ApiKey");
            synth.only("AWS::ApiGateway::UsagePlanKey");
            assertThat(synth.only("AWS::ApiGateway::RestApi").get("ApiKeySourceType")).isEqualTo("HEADER");
        }

        @Test
        void nagIsCleanWithAcknowledgedChoices() {
            assertThat(synth.nagFindings()).isEmpty();
            GatewayAnswers.assertEveryErrorIsJsonWithItsCode(synth.template.toJSON());
        }
    }

    @Nested
    class Cognito {
        private final Synth synth = Synth.of(Map.of("auth", "cognito",
                "cognitoUserPoolArn", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example"));

        @Test
        void everyMethodUsesTheUserPoolAuthorizer() {
            Map<String, Object> authorizer = synth.only("AWS::ApiGateway::Authorizer");
            assertThat(authorizer.get("Type")).isEqualTo("COGNITO_USER_POOLS");
            assertThat(authorizer.get("ProviderARNs")).isEqualTo(
                    List.of("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example"));
            assertThat(counterMethods(synth)).hasSize(AtomicCounterApi.ROUTES.size()).allSatisfy(m -> {
                assertThat(m.get("AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
                assertThat(m.get("AuthorizerId")).isNotNull();
            });
            assertThat(synth.nagFindings()).isEmpty();
            GatewayAnswers.assertEveryErrorIsJsonWithItsCode(synth.template.toJSON());
        }
    }

    @Nested
    class None {
        private final Synth synth = Synth.of(Map.of("auth", "none"));

        @Test
        void methodsAreOpenAndTheChoiceIsAcknowledged() {
            assertThat(counterMethods(synth)).hasSize(AtomicCounterApi.ROUTES.size()).allSatisfy(m -> {
                assertThat(m.get("AuthorizationType")).isEqualTo("NONE");
                assertThat(m.get("ApiKeyRequired")).isNotEqualTo(true);
            });
            assertThat(synth.nagFindings()).isEmpty();
            GatewayAnswers.assertEveryErrorIsJsonWithItsCode(synth.template.toJSON());
        }
    }
}
