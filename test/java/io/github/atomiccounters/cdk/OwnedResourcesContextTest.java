package io.github.atomiccounters.cdk;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.logs.CfnLogGroup;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The context keys of what the construct owns reach their resources in the deployable stack (the contexts
 * EveryConfigurationTest also runs through every rule, cdk-nag and cfn-lint), and a bad value fails with the key.
 */
class OwnedResourcesContextTest {

    @Test
    void theOwnedContextSetsEachResource() {
        Synth synth = Synth.of(EveryConfigurationTest.OWNED);
        Map<String, Object> table = synth.only("AWS::DynamoDB::Table");
        assertThat(table.get("SSESpecification")).isEqualTo(Map.of("KMSMasterKeyId", OwnedResources.KEY_ARN,
                "SSEEnabled", true, "SSEType", "KMS"));
        assertThat(table).containsEntry("ContributorInsightsSpecification", Map.of("Enabled", true))
                .containsEntry("DeletionProtectionEnabled", true);
        synth.template.findResources("AWS::CloudWatch::Alarm").values().forEach(a -> assertThat(Synth.props(a)
                .get("AlarmActions")).isEqualTo(List.of(OwnedResources.TOPIC_ARN)));
        assertThat(synth.only("AWS::ApiGateway::Stage").get("TracingEnabled")).isEqualTo(false);
        assertThat(synth.only("AWS::Logs::LogGroup").get("RetentionInDays")).isEqualTo(30);
        assertThat(synth.only("AWS::ApiGateway::RestApi").get("EndpointConfiguration"))
                .isEqualTo(Map.of("Types", List.of("EDGE")));
        Map<String, Object> domain = synth.only("AWS::ApiGateway::DomainName");
        assertThat(domain).containsEntry("DomainName", OwnedResources.DOMAIN)
                .containsEntry("CertificateArn", OwnedResources.CERTIFICATE_ARN)
                .containsEntry("EndpointConfiguration", Map.of("Types", List.of("EDGE")));
        assertThat(synth.only("AWS::ApiGateway::BasePathMapping").get("BasePath")).isEqualTo("counters");
        assertThat(synth.only("AWS::WAFv2::WebACLAssociation").get("WebACLArn")).isEqualTo(OwnedResources.WEB_ACL_ARN);
        // the approved role takes the statements; no integration role is created (only CloudWatch's)
        assertThat(synth.only("AWS::IAM::Policy").get("Roles")).isEqualTo(List.of("approved-counters-role"));
        assertThat(synth.template.findResources("AWS::IAM::Role")).hasSize(1);
        // callers use the domain and its base path, not the stage
        assertThat(synth.template.findOutputs("ApiUrl").values().iterator().next().get("Value"))
                .isEqualTo("https://counters.example.com/counters");
    }

    @Test
    void thePrivateContextSetsTheEndpointsAndTheOthersTheirDefaults() {
        Synth synth = Synth.of(EveryConfigurationTest.PRIVATE);
        assertThat(synth.only("AWS::ApiGateway::RestApi").get("EndpointConfiguration")).isEqualTo(Map.of(
                "Types", List.of("PRIVATE"), "VpcEndpointIds", List.of(OwnedResources.VPC_ENDPOINT_ID,
                        "vpce-0fedcba9876543210")));
        assertThat(synth.template.findResources("AWS::CloudWatch::Alarm")).isEmpty();
        // kept forever: the log group has no retention at all
        assertThat(String.valueOf(synth.template.findResources("AWS::Logs::LogGroup"))).doesNotContain("Retention");
        Map<String, Object> defaults = Synth.of(Synthesized.DEFAULT)
                .only("AWS::ApiGateway::RestApi");
        assertThat(defaults.get("EndpointConfiguration")).isEqualTo(Map.of("Types", List.of("REGIONAL")));
    }

    @Test
    void theLocalRuntimeReadsTheseTemplatesToo() {
        for (Map<String, String> context : List.of(EveryConfigurationTest.OWNED, EveryConfigurationTest.PRIVATE)) {
            ApiModel model = ApiModel.fromTemplate(Synthesized.of(context).template(), LocalFacts.defaults());
            for (Route route : Route.values()) {
                assertThat(model.api().resource(route.path()).orElseThrow().methods()).as(context.toString())
                        .containsKey(route.httpMethod());
            }
        }
    }

    @Test
    void aBadValueFailsNamingItsKey() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("tracing", "yes"), "tracing: expected true or false but got 'yes'",
                Map.of("deletionProtection", "1"), "deletionProtection: expected true or false but got '1'",
                Map.of("endpointType", "public"), "endpointType: expected one of regional, edge, private but got "
                        + "'public'",
                Map.of("logRetentionDays", "10"), "logRetentionDays: expected one of 1, 3, 5, 7, 14, 30, 60, 90, "
                        + "120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, infinite "
                        + "but got '10'",
                Map.of("domainName", "api.example.com"), "certificateArn: required with domainName",
                Map.of("endpointType", "private"), "vpcEndpoints: required with endpointType PRIVATE");
        bad.forEach((context, message) -> assertThatThrownBy(() -> CounterApp.synthesizeTemplate(null, context))
                .as(context.toString()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message));
    }

    @Test
    void everyRetentionDaysValueIsTheOneCloudWatchKeeps() {
        // the table of days is kept by hand beside RetentionDays: the log group's RetentionInDays proves each entry
        for (int days : new int[] {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
            2557, 2922, 3288, 3653}) {
            App app = new App(AppProps.builder().context(Map.of("logRetentionDays", Integer.toString(days))).build());
            CounterStack stack = new CounterStack(app, "S", null);
            CfnLogGroup logs = stack.getCounters().getNode().findAll().stream()
                    .filter(CfnLogGroup.class::isInstance).map(CfnLogGroup.class::cast).findFirst().orElseThrow();
            assertThat(stack.resolve(logs.getRetentionInDays())).as(days + " days").isEqualTo(days);
        }
    }
}
