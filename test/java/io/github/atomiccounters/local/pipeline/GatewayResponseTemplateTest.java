package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.vtl.MappingContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateway response templates get simple variable substitution, as AWS documents: VTL stays literal text. */
class GatewayResponseTemplateTest {
    private final MappingContext context = MappingContext.create()
            .put("error.message", "Too \"Many\" Requests")
            .put("error.messageString", "\"Too \\\"Many\\\" Requests\"")
            .put("error.responseType", "THROTTLED")
            .put("requestId", "r-1");

    @Test
    void contextAndStageVariablesAreSubstituted() {
        String rendered = new GatewayResponseTemplate("{\"error\": \"Throttled\", \"message\": "
                + "$context.error.messageString, \"type\": \"$context.error.responseType\", \"id\": \"$context.requestId\", "
                + "\"stage\": \"$stageVariables.tableName\"}").render(context, Map.of("tableName", "t1"));
        assertThat(rendered).isEqualTo("{\"error\": \"Throttled\", \"message\": \"Too \\\"Many\\\" Requests\", "
                + "\"type\": \"THROTTLED\", \"id\": \"r-1\", \"stage\": \"t1\"}");
    }

    @Test
    void undefinedReferencesRenderNothing() {
        assertThat(new GatewayResponseTemplate("[$context.nope.deeper|$stageVariables.none]")
                .render(context, Map.of())).isEqualTo("[|]");
    }

    @Test
    void vtlIsNotProcessedButSentAsTheTextItIs() {
        String source = "## comment\n#set($code = \"X\")#if($code == \"X\")$util.escapeJavaScript($context.error.message)"
                + "#end $input.json('$') $!context.error.message";
        // only the plain $context.error.message references are substituted; directives and calls stay literal
        assertThat(new GatewayResponseTemplate(source).render(context, Map.of())).isEqualTo(
                "## comment\n#set($code = \"X\")#if($code == \"X\")$util.escapeJavaScript(Too \"Many\" Requests)"
                        + "#end $input.json('$') $!context.error.message");
    }
}
