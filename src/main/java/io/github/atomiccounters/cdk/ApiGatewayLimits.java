package io.github.atomiccounters.cdk;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.CfnGatewayResponse;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.constructs.IConstruct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What API Gateway documents about mapping templates, checked at synthesis so that a template it would not run as
 * written never reaches a deployment. Each rule is a small static check (tested in pairs: it fires on a bad
 * template and passes ours); {@link #addTo} registers them all on a REST API as a construct validation, so they also
 * cover gateway responses and methods added to the API outside this construct.
 */
public final class ApiGatewayLimits {

    /** "Mapping template size: 300 KB" (API Gateway quotas for REST APIs; cannot be increased). */
    public static final int MAX_MAPPING_TEMPLATE_BYTES = 300 * 1024;

    /**
     * VTL syntax that a gateway response would send as literal text, because "a GatewayResponse mapping template isn't
     * processed by the Velocity Template Language (VTL) engine" and supports "only simple variable substitution"
     * (x-amazon-apigateway-gateway-responses.responseTemplates): directives and comments ({@code #set}, {@code #if},
     * {@code ##}, {@code #*}, {@code #{...}}), quiet and formal references ({@code $!x}, {@code ${x}}) and method calls
     * ({@code $util.escapeJavaScript(...)}, {@code $map.get(...)}).
     */
    private static final Pattern VTL_ONLY = Pattern.compile(
            "#[A-Za-z{#*]|\\$!|\\$\\{|\\$[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_-]+)*\\s*\\(");

    private ApiGatewayLimits() {
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
    public static List<String> gatewayResponseTemplateProblems(String responseType, String template) {
        List<String> problems = new ArrayList<>();
        Matcher m = VTL_ONLY.matcher(template);
        while (m.find()) {
            problems.add("gateway response " + responseType + ": '" + m.group()
                    + "' is VTL, but API Gateway renders gateway response templates by simple variable substitution "
                    + "only (use plain text and $context.* / $stageVariables.* references)");
        }
        return problems;
    }

    /**
     * Problems of one mapping template: larger (in UTF-8 bytes) than {@link #MAX_MAPPING_TEMPLATE_BYTES}.
     *
     * @param where    names the template in the message, e.g. {@code "POST /counters/{name}/next request template"}
     * @param template the template's text
     * @return one message when the template is too large, else empty
     */
    public static List<String> mappingTemplateSizeProblems(String where, String template) {
        int bytes = template.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_MAPPING_TEMPLATE_BYTES ? List.of()
                : List.of(where + ": mapping template of " + bytes + " bytes, but API Gateway accepts at most "
                        + MAX_MAPPING_TEMPLATE_BYTES + " (300 KB)");
    }

    /**
     * Registers a construct validation on {@code api} that checks, when the app is synthesized, every gateway
     * response template ({@link #gatewayResponseTemplateProblems}) and every request and integration response
     * template of its methods ({@link #mappingTemplateSizeProblems}). Synthesis then fails with the problems found.
     * {@link AtomicCounterApi} calls it on its own REST API; call it on another API to get the same checks.
     *
     * @param api the REST API to check, including gateway responses and methods added to it later
     */
    public static void addTo(RestApi api) {
        api.getNode().addValidation(() -> {
            List<String> problems = new ArrayList<>();
            for (IConstruct child : api.getNode().findAll()) {
                if (child instanceof CfnGatewayResponse response) {
                    templates(response.getResponseTemplates()).forEach((type, text) -> problems.addAll(
                            gatewayResponseTemplateProblems(response.getResponseType(), text)));
                } else if (child instanceof CfnMethod method
                        && Stack.of(method).resolve(method.getIntegration()) instanceof Map<?, ?> integration) {
                    // the L2 Method renders its integration lazily: resolved, it is CloudFormation's shape
                    String where = method.getHttpMethod() + " " + method.getNode().getPath();
                    templates(field(integration, "RequestTemplates")).forEach((type, text) -> problems.addAll(
                            mappingTemplateSizeProblems(where + " request template " + type, text)));
                    if (field(integration, "IntegrationResponses") instanceof List<?> responses) {
                        for (Object r : responses) {
                            if (r instanceof Map<?, ?> response) {
                                templates(field(response, "ResponseTemplates")).forEach((type, text) ->
                                        problems.addAll(mappingTemplateSizeProblems(where + " response "
                                                + field(response, "StatusCode") + " template " + type, text)));
                            }
                        }
                    }
                }
            }
            return problems;
        });
    }

    /** A property by its CloudFormation name, or by the same name in camelCase. */
    private static Object field(Map<?, ?> map, String pascalCase) {
        Object value = map.get(pascalCase);
        return value != null ? value : map.get(Character.toLowerCase(pascalCase.charAt(0)) + pascalCase.substring(1));
    }

    /** A templates property as content type -> text (tokens and other values skipped). */
    private static Map<String, String> templates(Object property) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (property instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof String text) {
                    out.put(String.valueOf(k), text);
                }
            });
        }
        return out;
    }
}
