package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import io.github.atomiccounters.cdk.rules.DeployRules;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.dynamodb.Table;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad props fail in the constructor with a message naming the prop, what it got and what it expects. */
class PropsValidationTest {
    private static AtomicCounterApi build(AtomicCounterApiProps.Builder props) {
        return new AtomicCounterApi(new Stack(new App(), "S"), "Counters", props.build());
    }

    /** The stage variables the construct hands its templates (resolved, no synthesis needed). */
    private static Map<String, Object> stageVariables(AtomicCounterApi api) {
        CfnStage stage = (CfnStage) api.getApi().getDeploymentStage().getNode().getDefaultChild();
        return Routes.map(Stack.of(api).resolve(stage.getVariables()));
    }

    @Test
    void cognitoNeedsAUserPool() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().authMode(AuthMode.COGNITO)))
                .hasMessageStartingWith("userPool: required with authMode COGNITO");
    }

    @Test
    void keyNamesMustBePlainBecauseTheyEnterTheTemplates() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().sortKeyValue("a\",\"b")))
                .hasMessageStartingWith("sortKeyValue: expected 1-255 characters").hasMessageContaining("a\",\"b");
    }

    @Test
    void keyNamesOnlyApplyToAnExistingTable() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().partitionKeyName("context")))
                .hasMessageStartingWith("partitionKeyName/sortKeyName: only apply to an existing table");
    }

    @Test
    void throttlingMustBePositive() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().throttlingRateLimit(0)))
                .hasMessage("throttlingRateLimit: expected a number > 0 but got 0");
    }

    @Test
    void stageNamesAreApiGatewaysLettersDigitsHyphensAndUnderscores() {
        for (String bad : new String[] {"v1.2", "v 1", "s".repeat(129), ""}) {
            assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().stageName(bad)))
                    .hasMessageStartingWith("stageName: expected 1-128 characters of A-Z a-z 0-9 _ -");
        }
        CfnStage stage = (CfnStage) build(AtomicCounterApiProps.builder().stageName("prod_v-2")).getApi()
                .getDeploymentStage().getNode().getDefaultChild();
        assertThat(stage.getStageName()).isEqualTo("prod_v-2");
    }

    @Test
    void burstsAndQuotasAreWholeNumbersBecauseApiGatewayTakesIntegers() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().throttlingBurstLimit(2.5)))
                .hasMessage("throttlingBurstLimit: expected a whole number from 1 to 2147483647 (API Gateway takes "
                        + "an integer) but got 2.5");
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().authMode(AuthMode.API_KEY)
                .apiKeyBurstLimit(7.5))).hasMessageStartingWith("apiKeyBurstLimit: expected a whole number");
        // below 1 was silently cut to 0 by intValue()
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().authMode(AuthMode.API_KEY)
                .apiKeyQuotaPerDay(0.5))).hasMessageStartingWith("apiKeyQuotaPerDay: expected a whole number");
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().apiKeyQuotaPerDay(3e9)))
                .hasMessageStartingWith("apiKeyQuotaPerDay: expected a whole number");
        // a whole number given as a double is fine, and the rates stay fractional
        AtomicCounterApi api = build(AtomicCounterApiProps.builder().authMode(AuthMode.API_KEY)
                .apiKeyBurstLimit(7.0).apiKeyRateLimit(0.5).throttlingRateLimit(2.5).throttlingBurstLimit(5.0));
        CfnStage stage = (CfnStage) api.getApi().getDeploymentStage().getNode().getDefaultChild();
        assertThat(Stack.of(api).resolve(stage.getMethodSettings()).toString())
                .contains("throttlingBurstLimit=5").contains("throttlingRateLimit=2.5");
    }

    @Test
    void withoutTheCloudWatchRoleTheLoggingRuleIsAcknowledgedAndTheDeployerWarned() {
        App app = new App();
        Stack stack = new Stack(app, "S");
        AtomicCounterApi api = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
                .cloudWatchRole(false).build());
        assertThat(DeployRules.acknowledgment(api.getApi().getDeploymentStage(), "Deploy-LoggingRole"))
                .startsWith("cloudWatchRole is false");
        Template template = Template.fromStack(stack);  // synthesized (the CDK refused this before)
        template.resourceCountIs("AWS::ApiGateway::Account", 0);
        assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(
                ".*cloudWatchRole is false.*aws apigateway get-account.*"))).hasSize(1);
    }

    @Test
    void corsTakesOneOrigin() {
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder()
                .corsAllowOrigins(List.of("https://a.example", "https://b.example"))))
                .hasMessageStartingWith("corsAllowOrigins: expected one origin");
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().corsAllowOrigins(List.of("'*'"))))
                .hasMessageContaining("but got ''*''");
    }

    @Test
    void shardCountIsAnIntegerFrom1To100() {
        for (Number bad : new Number[] {0, 101, 2.5, -3}) {
            assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().shardCount(bad)))
                    .hasMessage("shardCount: expected an integer from 1 to 100 but got " + bad);
        }
        assertThatThrownBy(() -> build(AtomicCounterApiProps.builder().shardCount(null)))
                .hasMessage("shardCount: expected an integer from 1 to 100 but got null");
        assertThat(stageVariables(build(AtomicCounterApiProps.builder().shardCount(1))))
                .containsEntry("shardCount", "1");
        assertThat(stageVariables(build(AtomicCounterApiProps.builder().shardCount(100))))
                .containsEntry("shardCount", "100");
    }

    @Test
    void authContextOptionIsChecked() {
        assertThatThrownBy(() -> AuthMode.parse("oauth"))
                .hasMessage("auth: expected one of iam, api-key, cognito, none but got 'oauth'");
    }

    @Test
    void anExistingTableWithoutSortKeyIsAccepted() {
        Stack stack = new Stack(new App(), "S");
        AtomicCounterApi api = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
                .table(Table.fromTableName(stack, "T", "legacy")).partitionKeyName("id").sortKeyName("").build());
        Map<String, Object> variables = stageVariables(api);
        assertThat(variables).containsEntry("tableName", "legacy").containsEntry("partitionKey", "id");
        // no sort key: the variable is left out (a missing stage variable is "" in the templates)
        assertThat(variables.getOrDefault("sortKey", "")).isEqualTo("");
    }
}
