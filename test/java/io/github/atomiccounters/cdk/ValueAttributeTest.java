package io.github.atomiccounters.cdk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Table;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value attribute's name (prop valueAttributeName, context valueAttribute): an existing table's own attribute,
 * such as the seed blog's counterValue, reaches every template through the stage variable valueAttribute.
 */
class ValueAttributeTest {

    private static Map<String, Object> stageVariables(AtomicCounterApiProps props) {
        App app = new App();
        Stack stack = new Stack(app, "S");
        new AtomicCounterApi(stack, "Counters", props);
        Map<String, Map<String, Object>> stages = Template.fromStack(stack).findResources("AWS::ApiGateway::Stage");
        return Routes.map(Synth.props(stages.values().iterator().next()).get("Variables"));
    }

    @Test
    void theSeedBlogsTableIsServedWithItsOwnAttribute() {
        App app = new App();
        Stack stack = new Stack(app, "Seed");
        AtomicCounterApiProps props = AtomicCounterApiProps.builder()
                .table(Table.fromTableName(stack, "Donations", "donation-data"))
                .partitionKeyName("context").sortKeyName("id").sortKeyValue("id")
                .valueAttributeName("counterValue").build();
        new AtomicCounterApi(stack, "Counters", props);
        Map<String, Map<String, Object>> stages = Template.fromStack(stack).findResources("AWS::ApiGateway::Stage");
        assertThat(Routes.map(Synth.props(stages.values().iterator().next()).get("Variables")))
                .containsEntry("valueAttribute", "counterValue").containsEntry("tableName", "donation-data");
    }

    @Test
    void theDefaultIsValueAndEveryTemplateReadsTheStageVariable() {
        assertThat(stageVariables(AtomicCounterApiProps.builder().build())).containsEntry("valueAttribute", "value");
        for (Route route : AtomicCounterApi.ROUTES) {
            for (String file : new String[] {route.requestTemplate(), route.responseTemplate()}) {
                String template = TemplateFiles.read(file);
                if (template.contains("\"#v\"") || template.contains("'$.Attributes") || template.contains("'$.Item")) {
                    assertThat(template).as(file).contains("$!stageVariables.valueAttribute")
                            .doesNotContain("\"#v\": \"value\"").doesNotContain(".value.N");
                }
            }
        }
        assertThat(TemplateFiles.read(AtomicCounterApi.ERROR_TEMPLATE)).doesNotContain(".value.N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "previous", "expiresAt", "nextKeys2", "pk", "sk"})
    void aValueAttributeThatCannotWorkIsRefusedNamingTheProp(String name) {
        assertThatThrownBy(() -> stageVariables(AtomicCounterApiProps.builder().valueAttributeName(name).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("valueAttributeName: expected")
                .hasMessageContaining("'" + name + "'");
    }
}
