package io.github.atomiccounters.apimodel;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method integration. {@code uri} is resolved; for AWS service URIs of the form
 * {@code arn:<partition>:apigateway:<region>:<service>:action/<Action>} {@code awsService} and {@code action} are set
 * ({@code path/...} URIs set only {@code awsService}). {@code passthroughBehavior} defaults to WHEN_NO_MATCH.
 */
public record Integration(String type, String httpMethod, String uri, String awsService, String action,
                          String credentials, String passthroughBehavior, Map<String, String> requestTemplates,
                          Map<String, String> requestParameters, List<IntegrationResponse> responses) {

    private static final Pattern AWS_URI =
            Pattern.compile("^arn:[^:]+:apigateway:[^:]*:([^:/]+):(action|path)/(.*)$");

    public Integration {
        requestTemplates = Immutables.map(requestTemplates);
        requestParameters = Immutables.map(requestParameters);
        responses = Immutables.list(responses);
    }

    /** [service, action-or-null] parsed from an AWS integration URI, or null if it is not one. */
    static String[] parseAwsUri(String uri) {
        if (uri == null) {
            return null;
        }
        Matcher m = AWS_URI.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        String service = m.group(1);
        int dot = service.lastIndexOf('.');
        if (dot >= 0) {
            service = service.substring(dot + 1); // "{subdomain}.{service}"
        }
        String action = null;
        if (m.group(2).equals("action")) {
            action = m.group(3);
            int q = action.indexOf('?');
            if (q >= 0) {
                action = action.substring(0, q);
            }
        }
        return new String[] {service, action};
    }

    /** The default integration response (no selection pattern), if any. */
    public IntegrationResponse defaultResponse() {
        return responses.stream().filter(IntegrationResponse::isDefault).findFirst().orElse(null);
    }
}
