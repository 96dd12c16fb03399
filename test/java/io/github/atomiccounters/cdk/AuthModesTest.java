package io.github.atomiccounters.cdk;

import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each auth mode chosen by context: what every counter method requires, and cdk-nag stays clean. The contexts are
 * the ones the end-to-end tests serve ({@link Synthesized}), so each is synthesized once for both.
 */
class AuthModesTest {

    private static List<Map<String, Object>> counterMethods(Synth synth) {
        return Routes.methodsByRoute(synth.template.toJSON()).entrySet().stream()
                .filter(e -> !e.getKey().startsWith("OPTIONS"))
                .map(Map.Entry::getValue).toList();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ApiKey {
        private final Synth synth = Synth.of(Synthesized.API_KEY);  // rate 5, burst 7, 10 a day

        @Test
        void everyMethodRequiresAKeyUnderAUsagePlan() {
            assertThat(counterMethods(synth)).hasSize(AtomicCounterApi.ROUTES.size()).allSatisfy(m -> {
                assertThat(m.get("ApiKeyRequired")).isEqualTo(true);
                assertThat(m.get("AuthorizationType")).isEqualTo("NONE");
            });
            Map<String, Object> plan = synth.only("AWS::ApiGateway::UsagePlan");
            assertThat(plan.get("Throttle")).isEqualTo(Map.of("RateLimit", 5, "BurstLimit", 7));
            assertThat(plan.get("Quota")).isEqualTo(Map.of("Limit", 10, "Period", "DAY"));
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
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Cognito {
        private final Synth synth = Synth.of(Synthesized.COGNITO);

        @Test
        void everyMethodUsesTheUserPoolAuthorizer() {
            Map<String, Object> authorizer = synth.only("AWS::ApiGateway::Authorizer");
            assertThat(authorizer.get("Type")).isEqualTo("COGNITO_USER_POOLS");
            assertThat(authorizer.get("ProviderARNs")).isEqualTo(List.of(Synthesized.USER_POOL_ARN));
            assertThat(counterMethods(synth)).hasSize(AtomicCounterApi.ROUTES.size()).allSatisfy(m -> {
                assertThat(m.get("AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
                assertThat(m.get("AuthorizerId")).isNotNull();
            });
            assertThat(synth.nagFindings()).isEmpty();
            GatewayAnswers.assertEveryErrorIsJsonWithItsCode(synth.template.toJSON());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class None {
        private final Synth synth = Synth.of(Synthesized.OPEN);  // with CORS for any origin

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
