package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnMethod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every mapping template of a method (request templates, integration response templates) is at most 300 KB:
 * "Mapping template size: 300 KB" (API Gateway quotas for REST APIs; cannot be increased). Measured in UTF-8 bytes.
 */
public final class MappingTemplateSizeRule extends BaseRule {
    /** 300 KB, read as 300 × 1024 bytes. */
    public static final int MAX_MAPPING_TEMPLATE_BYTES = 300 * 1024;

    /** The rule. */
    public MappingTemplateSizeRule() {
        super("Deploy-MappingTemplateSize", "Each mapping template is at most 300 KB",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html");
    }

    /**
     * Problems of one mapping template: larger (in UTF-8 bytes) than {@link #MAX_MAPPING_TEMPLATE_BYTES}. The local
     * runtime refuses such a template with the same words.
     *
     * @param where    names the template in the message, e.g. {@code "POST /counters/{name}/next request template"}
     * @param template the template's text
     * @return one message when the template is too large, else empty
     */
    public static List<String> problems(String where, String template) {
        int bytes = template.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_MAPPING_TEMPLATE_BYTES ? List.of()
                : List.of(where + ": mapping template of " + bytes + " bytes, but API Gateway accepts at most "
                        + MAX_MAPPING_TEMPLATE_BYTES + " (300 KB)");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnMethod method && stack.resolve(method.getIntegration()) instanceof Map<?, ?> in) {
            templates(resource, "Integration.RequestTemplates", StackResources.field(in, "RequestTemplates"),
                    findings);
            if (StackResources.field(in, "IntegrationResponses") instanceof List<?> responses) {
                for (int i = 0; i < responses.size(); i++) {
                    templates(resource, "Integration.IntegrationResponses[" + i + "].ResponseTemplates",
                            StackResources.field(responses.get(i), "ResponseTemplates"), findings);
                }
            }
        }
        return findings;
    }

    private void templates(CfnResource resource, String property, Object templates, List<Finding> findings) {
        if (templates instanceof Map<?, ?> byContentType) {
            byContentType.forEach((contentType, text) -> {
                if (text instanceof String template) {
                    for (String problem : problems(property + "." + contentType, template)) {
                        findings.add(finding(resource, property + "." + contentType,
                                template.getBytes(StandardCharsets.UTF_8).length + " bytes", problem));
                    }
                }
            });
        }
    }
}
