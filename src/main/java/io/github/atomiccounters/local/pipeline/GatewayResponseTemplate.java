package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.vtl.MappingContext;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway response template rendered as API Gateway renders it: "A GatewayResponse mapping template isn't processed
 * by the Velocity Template Language (VTL) engine" and supports "only simple variable substitution"
 * (x-amazon-apigateway-gateway-responses.responseTemplates). {@code $context.a.b} and {@code $stageVariables.x} are
 * replaced by their values (nothing when undefined); everything else, directives and method calls included, is sent as
 * the literal text it is. {@code $context.error.messageString} is already a quoted JSON string. Immutable.
 */
public final class GatewayResponseTemplate {
    private static final Pattern REFERENCE =
            Pattern.compile("\\$(context|stageVariables)((?:\\.[A-Za-z0-9_]+)+)");

    private final String source;

    public GatewayResponseTemplate(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public String render(MappingContext context, Map<String, String> stageVariables) {
        Matcher m = REFERENCE.matcher(source);
        StringBuilder out = new StringBuilder(source.length() + 64);
        while (m.find()) {
            String path = m.group(2).substring(1);
            Object value = m.group(1).equals("context") ? context.get(path) : stageVariables.get(path);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
