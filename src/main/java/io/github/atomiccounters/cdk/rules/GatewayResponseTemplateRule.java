package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnGatewayResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway response template holds no VTL: "a GatewayResponse mapping template isn't processed by the Velocity
 * Template Language (VTL) engine" and supports "only simple variable substitution"
 * (x-amazon-apigateway-gateway-responses.responseTemplates). API Gateway would send VTL there as literal text, so
 * the client would get broken JSON. Not a deploy-time refusal: an answer AWS would render differently than written.
 */
public final class GatewayResponseTemplateRule extends BaseRule {
    /**
     * VTL syntax that a gateway response would send as literal text: directives and comments ({@code #set},
     * {@code #if}, {@code ##}, {@code #*}, {@code #{...}}), quiet and formal references ({@code $!x}, {@code ${x}})
     * and method calls ({@code $util.escapeJavaScript(...)}, {@code $map.get(...)}).
     */
    private static final Pattern VTL_ONLY = Pattern.compile(
            "#[A-Za-z{#*]|\\$!|\\$\\{|\\$[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*\\s*\\(");

    /** The rule. */
    public GatewayResponseTemplateRule() {
        super("Deploy-GatewayResponseTemplate", "Gateway response templates are plain text with $context references",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                        + "api-gateway-swagger-extensions-gateway-responses.responseTemplates.html");
    }

    /**
     * Problems of one gateway response template: each VTL construct in it that API Gateway would not process but
     * send as literal text.
     *
     * @param responseType the gateway response type, e.g. {@code THROTTLED}, named in each problem
     * @param template     the template's text
     * @return one message per VTL construct found, in order; empty when the template is plain text with simple
     *         {@code $context.*} / {@code $stageVariables.*} references
     */
    public static List<String> problems(String responseType, String template) {
        List<String> problems = new ArrayList<>();
        Matcher m = VTL_ONLY.matcher(template);
        while (m.find()) {
            problems.add("gateway response " + responseType + ": '" + m.group()
                    + "' is VTL, but API Gateway renders gateway response templates by simple variable substitution "
                    + "only (use plain text and $context.* / $stageVariables.* references)");
        }
        return problems;
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnGatewayResponse response
                && stack.resolve(response.getResponseTemplates()) instanceof Map<?, ?> templates) {
            Object type = stack.resolve(response.getResponseType());
            templates.forEach((contentType, text) -> {
                if (text instanceof String template) {
                    for (String problem : problems(String.valueOf(type), template)) {
                        findings.add(finding(resource, "ResponseTemplates." + contentType, template, problem));
                    }
                }
            });
        }
        return findings;
    }
}
