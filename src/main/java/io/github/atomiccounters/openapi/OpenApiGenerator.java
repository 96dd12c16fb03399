package io.github.atomiccounters.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.atomiccounters.apimodel.ApiMethod;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.ApiResource;
import io.github.atomiccounters.apimodel.MethodResponse;
import io.github.atomiccounters.apimodel.RestApi;
import io.github.atomiccounters.cdk.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an OpenAPI 3.0.3 document (nested ordered Maps and Lists, ready for Jackson) from the API model read from
 * a synthesized CloudFormation template.
 *
 * <ul>
 *   <li>Every resource path with at least one method becomes a path item; CORS preflight (OPTIONS) methods are
 *       left out, and {@code ANY} becomes {@code x-amazon-apigateway-any-method} as in API Gateway's own export.</li>
 *   <li>Path parameters come from the {@code {...}} segments (required strings; a greedy {@code {proxy+}} keeps its
 *       spelling in the path and is named {@code proxy}, as API Gateway does); query string and header parameters
 *       come from the method's request parameters.</li>
 *   <li>Request models become {@code components/schemas} (named by their title when it is a valid component
 *       name) converted by {@link SchemaConverter}; the request body is required when the schema requires
 *       properties.</li>
 *   <li>Responses are the method responses. The counter routes of this project ({@link Route}, the route table)
 *       also get their success schema ({@code Counter}, {@code CounterUpdate}, {@code IdRange}, ...) and
 *       {@code Error} for 4xx/5xx, the summary, operationId and answer texts of their {@link Route}; other methods
 *       get an operationId derived from the method and path.</li>
 *   <li>Security follows the authorization type: AWS_IAM {@code sigv4}, COGNITO_USER_POOLS {@code cognito},
 *       CUSTOM {@code lambda_authorizer}, an API key {@code api_key} (in the same requirement: all apply);
 *       NONE without an API key has no {@code security}.</li>
 * </ul>
 * The same model always gives the same document, key order included.
 */
public final class OpenApiGenerator {

    public static final String OPENAPI_VERSION = "3.0.3";

    /** {@code info.license}: the project's license (the LICENSE file, the pom's licenses), as the AWS CDK's. */
    public static final String LICENSE_NAME = "Apache-2.0";
    public static final String LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0";
    public static final String JSON = "application/json";
    public static final String ANY_METHOD_KEY = "x-amazon-apigateway-any-method";

    public static final String SIGV4 = "sigv4";
    public static final String API_KEY = "api_key";
    public static final String COGNITO = "cognito";
    public static final String LAMBDA_AUTHORIZER = "lambda_authorizer";

    /** Operations of a path item in OpenAPI's order; ANY last. OPTIONS (CORS preflight) is never written. */
    private static final List<String> METHOD_ORDER =
            List.of("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "TRACE", "ANY");

    private static final Pattern COMPONENT_NAME = Pattern.compile("^[a-zA-Z0-9._-]+$");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
        private static final String QUERY_PREFIX = "method.request.querystring.";
    private static final String HEADER_PREFIX = "method.request.header.";
    private static final String RESPONSE_HEADER_PREFIX = "method.response.header.";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private static final String IDEMPOTENCY_KEY = "1 to 100 characters of A-Z a-z 0-9 _ . : -. A repeat of the "
            + "same request with the same key is not applied again: for 24 h (next: until the end of the next UTC "
            + "day).";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("200", "OK"), Map.entry("201", "Created"), Map.entry("202", "Accepted"),
            Map.entry("204", "No Content"), Map.entry("301", "Moved Permanently"), Map.entry("302", "Found"),
            Map.entry("304", "Not Modified"), Map.entry("400", "Bad Request"), Map.entry("401", "Unauthorized"),
            Map.entry("403", "Forbidden"), Map.entry("404", "Not Found"), Map.entry("405", "Method Not Allowed"),
            Map.entry("409", "Conflict"), Map.entry("413", "Payload Too Large"),
            Map.entry("415", "Unsupported Media Type"), Map.entry("429", "Too Many Requests"),
            Map.entry("500", "Internal Server Error"), Map.entry("502", "Bad Gateway"),
            Map.entry("503", "Service Unavailable"), Map.entry("504", "Gateway Timeout"));

    private final ApiModel model;
    private final Map<String, Object> schemas = new TreeMap<>();
    private final Set<String> usedSchemes = new LinkedHashSet<>();
    private final Set<String> operationIds = new LinkedHashSet<>();
    private boolean counterSchemas;

    private OpenApiGenerator(ApiModel model) {
        this.model = model;
    }

    /**
     * The OpenAPI 3.0.3 document of the model's REST API.
     *
     * @param serverUrl the single server (e.g. {@code http://127.0.0.1:8080/v1}); null for the deployed
     *                  API's templated {@code https://{apiId}.execute-api.{region}.amazonaws.com/{stage}}
     */
    public static Map<String, Object> generate(ApiModel model, String serverUrl) {
        Objects.requireNonNull(model, "model");
        if (serverUrl != null && serverUrl.isBlank()) {
            throw new IllegalArgumentException("serverUrl: expected a URL or null but got a blank string");
        }
        return new OpenApiGenerator(model).document(serverUrl);
    }

    /** The document as pretty JSON (two-space indent, {@code "key": value}, trailing newline). */
    public static String toJson(Map<String, Object> document) {
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the OpenAPI document as JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> document(String serverUrl) {
        RestApi api = model.api();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", OPENAPI_VERSION);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", api.name() == null || api.name().isBlank() ? "REST API" : api.name());
        info.put("description", "Generated from the API Gateway REST API of a synthesized CloudFormation template. "
                + "CORS preflight (OPTIONS) methods are not listed.");
        info.put("version", "1");
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("name", LICENSE_NAME);
        license.put("url", LICENSE_URL);
        info.put("license", license);
        doc.put("info", info);
        doc.put("servers", List.of(server(serverUrl, api.stageName())));
        doc.put("paths", paths(api));
        Map<String, Object> components = new LinkedHashMap<>();
        if (counterSchemas) {
            addCounterSchemas();
        }
        if (!schemas.isEmpty()) {
            components.put("schemas", new LinkedHashMap<>(schemas));
        }
        Map<String, Object> schemes = securitySchemes();
        if (!schemes.isEmpty()) {
            components.put("securitySchemes", schemes);
        }
        if (!components.isEmpty()) {
            doc.put("components", components);
        }
        return doc;
    }

    private static Map<String, Object> server(String serverUrl, String stageName) {
        Map<String, Object> server = new LinkedHashMap<>();
        if (serverUrl != null) {
            server.put("url", serverUrl.endsWith("/") && serverUrl.length() > 1
                    ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl);
            return server;
        }
        server.put("url", "https://{apiId}.execute-api.{region}.amazonaws.com/{stage}");
        server.put("description", "The deployed REST API (the stack's ApiUrl output)");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("apiId", variable("abcdef0123", "The REST API id, the first label of the ApiUrl output"));
        variables.put("region", variable("us-east-1", "The AWS Region of the stack"));
        variables.put("stage", variable(stageName == null || stageName.isBlank() ? "v1" : stageName,
                "The stage name"));
        server.put("variables", variables);
        return server;
    }

    private static Map<String, Object> variable(String defaultValue, String description) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("default", defaultValue);
        v.put("description", description);
        return v;
    }

    private Map<String, Object> paths(RestApi api) {
        Map<String, Object> paths = new LinkedHashMap<>();
        List<ApiResource> resources = new ArrayList<>(api.resources());
        resources.sort((a, b) -> a.path().compareTo(b.path()));
        for (ApiResource resource : resources) {
            Map<String, Object> item = new LinkedHashMap<>();
            for (String httpMethod : METHOD_ORDER) {
                ApiMethod method = resource.methods().get(httpMethod);
                if (method != null) {
                    item.put(httpMethod.equals("ANY") ? ANY_METHOD_KEY : httpMethod.toLowerCase(Locale.ROOT),
                            operation(resource, httpMethod, method));
                }
            }
            // methods API Gateway accepts but OpenAPI has no field for are not written; OPTIONS is CORS preflight
            if (!item.isEmpty()) {
                paths.put(resource.path(), item);
            }
        }
        return paths;
    }

    private Map<String, Object> operation(ApiResource resource, String httpMethod, ApiMethod method) {
        Route route = Route.of(httpMethod, resource.path());
        if (route != null) {
            counterSchemas = true;
        }
        Map<String, Object> op = new LinkedHashMap<>();
        if (route != null) {
            op.put("tags", List.of("counters"));
            op.put("summary", route.summary());
        }
        op.put("operationId", uniqueOperationId(route != null ? route.operationId()
                : derivedOperationId(httpMethod, resource.path())));
        List<Object> parameters = parameters(resource, method, route != null);
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> body = requestBody(method, (String) op.get("operationId"));
        if (body != null) {
            op.put("requestBody", body);
        }
        op.put("responses", responses(method, route));
        List<Object> security = security(method);
        if (!security.isEmpty()) {
            op.put("security", security);
        }
        return op;
    }

    /** e.g. POST /counters/{name}/increment -> postCountersNameIncrement; ANY / -> anyRoot. */
    static String derivedOperationId(String httpMethod, String path) {
        StringBuilder id = new StringBuilder(httpMethod.toLowerCase(Locale.ROOT));
        boolean any = false;
        for (String segment : path.split("/")) {
            String word = segment.replaceAll("[^A-Za-z0-9]+", " ").trim();
            for (String part : word.split(" ")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                    any = true;
                }
            }
        }
        if (!any) {
            id.append("Root");
        }
        return id.toString();
    }

    private String uniqueOperationId(String id) {
        String unique = id;
        for (int n = 2; !operationIds.add(unique); n++) {
            unique = id + n;
        }
        return unique;
    }

    private List<Object> parameters(ApiResource resource, ApiMethod method, boolean counterRoute) {
        List<Object> parameters = new ArrayList<>();
        Set<String> seenPath = new LinkedHashSet<>();
        Matcher m = PATH_PARAMETER.matcher(resource.path());
        while (m.find()) {
            String raw = m.group(1);
            boolean greedy = raw.endsWith("+");
            String name = greedy ? raw.substring(0, raw.length() - 1) : raw;
            if (!seenPath.add(name)) {
                continue;
            }
            String description = greedy ? "The rest of the path (greedy: may contain '/')."
                    : counterRoute && name.equals("name") ? "The counter's name." : null;
            parameters.add(parameter(name, "path", true, description));
        }
        Map<String, Boolean> query = new TreeMap<>();
        Map<String, Boolean> headers = new TreeMap<>();
        method.requestParameters().forEach((key, required) -> {
            boolean req = Boolean.TRUE.equals(required);
            if (key.startsWith(QUERY_PREFIX)) {
                query.put(key.substring(QUERY_PREFIX.length()), req);
            } else if (key.startsWith(HEADER_PREFIX)) {
                headers.put(key.substring(HEADER_PREFIX.length()), req);
            }
            // method.request.path.* parameters are the path's {...} segments, listed above
        });
        query.forEach((name, req) -> parameters.add(parameter(name, "query", req)));
        headers.forEach((name, req) -> parameters.add(parameter(name, "header", req,
                name.equals("Idempotency-Key") ? IDEMPOTENCY_KEY : null)));
        return parameters;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required) {
        return parameter(name, in, required, null);
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        if (description != null) {
            p.put("description", description);
        }
        p.put("required", required);
        p.put("schema", Map.of("type", "string"));
        return p;
    }

    private Map<String, Object> requestBody(ApiMethod method, String operationId) {
        if (method.requestModels().isEmpty()) {
            return null;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        boolean required = false;
        for (Map.Entry<String, Object> e : new TreeMap<>(method.requestModels()).entrySet()) {
            Map<String, Object> schema = SchemaConverter.convert(e.getValue());
            if (schema.get("required") instanceof List<?> l && !l.isEmpty()) {
                required = true;
            }
            content.put(e.getKey(), Map.of("schema", schemaRef(schema, operationId + "Request")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Object description = firstDescription(method.requestModels());
        if (description != null) {
            body.put("description", description);
        }
        body.put("required", required);
        body.put("content", content);
        return body;
    }

    private static Object firstDescription(Map<String, Object> models) {
        for (Object schema : new TreeMap<>(models).values()) {
            if (schema instanceof Map<?, ?> m && m.get("description") instanceof String d) {
                return d;
            }
        }
        return null;
    }

    /** Registers a schema under its title (or the fallback name) and returns a $ref to it. */
    private Map<String, Object> schemaRef(Map<String, Object> schema, String fallbackName) {
        String base = schema.get("title") instanceof String t && COMPONENT_NAME.matcher(t).matches()
                && !isCounterSchemaName(t) ? t : fallbackName;
        String name = base;
        for (int n = 2; schemas.containsKey(name) && !schemas.get(name).equals(schema); n++) {
            name = base + n;
        }
        schemas.put(name, schema);
        return ref(name);
    }

    private static boolean isCounterSchemaName(String name) {
        return Set.of("Counter", "CounterUpdate", "IdRange", "ShardUpdate", "ShardedCounter", "IdempotentUpdate",
                "Error").contains(name);
    }

    private static Map<String, Object> ref(String schemaName) {
        return Map.of("$ref", "#/components/schemas/" + schemaName);
    }

    private Map<String, Object> responses(ApiMethod method, Route route) {
        Map<String, Object> responses = new LinkedHashMap<>();
        List<MethodResponse> sorted = new ArrayList<>(method.methodResponses());
        sorted.sort((a, b) -> a.statusCode().compareTo(b.statusCode()));
        for (MethodResponse r : sorted) {
            String status = r.statusCode();
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", description(status, route));
            Map<String, Object> headers = new LinkedHashMap<>();
            new TreeMap<>(r.responseParameters()).forEach((key, required) -> {
                if (key.startsWith(RESPONSE_HEADER_PREFIX)) {
                    Map<String, Object> header = new LinkedHashMap<>();
                    String name = key.substring(RESPONSE_HEADER_PREFIX.length());
                    if (name.equalsIgnoreCase("Retry-After")) {
                        header.put("description", "Seconds to wait before retrying.");
                    }
                    header.put("required", Boolean.TRUE.equals(required));
                    header.put("schema", Map.of("type", "string"));
                    headers.put(name, header);
                }
            });
            if (!headers.isEmpty()) {
                response.put("headers", headers);
            }
            Map<String, Object> content = responseContent(r, route,
                    method.requestParameters().containsKey(HEADER_PREFIX + "Idempotency-Key"));
            if (!content.isEmpty()) {
                response.put("content", content);
            }
            responses.put(status, response);
        }
        if (responses.isEmpty()) {
            responses.put("default", Map.of("description", "The integration's response (no method response is "
                    + "declared)."));
        }
        return responses;
    }

    private Map<String, Object> responseContent(MethodResponse r, Route route, boolean idempotent) {
        Map<String, Object> content = new LinkedHashMap<>();
        String status = r.statusCode();
        if (route != null) {
            if (status.startsWith("4") || status.startsWith("5")) {
                content.put(JSON, Map.of("schema", ref("Error")));
            } else if (!status.equals("204") && route.successSchema() != null) {
                // an update that takes an Idempotency-Key answers an IdempotentUpdate when one is sent (it ran in
                // a transaction); next answers its IdRange either way
                boolean transactional = idempotent && !route.successSchema().equals("IdRange");
                content.put(JSON, Map.of("schema", transactional
                        ? Map.of("oneOf", List.of(ref(route.successSchema()), ref("IdempotentUpdate")))
                        : ref(route.successSchema())));
            }
            return content;
        }
        new TreeMap<>(r.responseModels()).forEach((contentType, modelName) -> {
            Map<String, Object> schema;
            if (modelName != null && schemas.containsKey(modelName)) {
                schema = ref(modelName);
            } else if ("Empty".equals(modelName)) {
                schema = Map.of("type", "object");
            } else {
                schema = new LinkedHashMap<>();
                schema.put("type", "object");
                schema.put("description", "The API Gateway model " + modelName + ".");
            }
            content.put(contentType, Map.of("schema", schema));
        });
        return content;
    }

    private static String description(String status, Route route) {
        if (route != null) {
            String text = switch (status) {
                case "200", "204" -> route.successDescription();
                case "400" -> "The request is malformed or its body does not match the route's schema "
                        + "(error BadRequest).";
                case "404" -> route.notFoundDescription() != null ? route.notFoundDescription() : "Not found.";
                case "409" -> route.conflictDescription() != null ? route.conflictDescription() : "Conflict.";
                case "429" -> "Too many requests (error Throttled" + ("IdRange".equals(route.successSchema())
                        ? "; with an Idempotency-Key also TooManyIdempotencyKeys: the sequence's item holds no "
                        + "more keys today" : "") + "); retry after Retry-After seconds.";
                case "500" -> "The counter store rejected the request (error InternalError).";
                case "503" -> "The counter store is unavailable (error ServiceUnavailable); retry after "
                        + "Retry-After seconds.";
                default -> null;
            };
            if (text != null) {
                return text;
            }
        }
        String reason = REASONS.get(status);
        return reason != null ? reason : "Status " + status;
    }

    private List<Object> security(ApiMethod method) {
        Map<String, Object> requirement = new LinkedHashMap<>();
        String type = method.authorizationType() == null ? "NONE" : method.authorizationType().toUpperCase(Locale.ROOT);
        switch (type) {
            case "AWS_IAM" -> requirement.put(SIGV4, List.of());
            case "COGNITO_USER_POOLS" -> requirement.put(COGNITO, List.of());
            case "CUSTOM" -> requirement.put(LAMBDA_AUTHORIZER, List.of());
            default -> {
                // NONE: no credentials
            }
        }
        if (method.apiKeyRequired()) {
            requirement.put(API_KEY, List.of());
        }
        usedSchemes.addAll(requirement.keySet());
        return requirement.isEmpty() ? List.of() : List.of(requirement);
    }

    private Map<String, Object> securitySchemes() {
        Map<String, Object> schemes = new LinkedHashMap<>();
        for (String name : List.of(SIGV4, API_KEY, COGNITO, LAMBDA_AUTHORIZER)) {
            if (!usedSchemes.contains(name)) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "apiKey");
            switch (name) {
                case SIGV4 -> {
                    s.put("description", "AWS Signature Version 4 with IAM credentials allowed to call "
                            + "execute-api:Invoke on the route.");
                    s.put("name", "Authorization");
                    s.put("in", "header");
                    s.put("x-amazon-apigateway-authtype", "awsSigv4");
                }
                case API_KEY -> {
                    s.put("description", "An API key of the API's usage plan.");
                    s.put("name", "x-api-key");
                    s.put("in", "header");
                }
                case COGNITO -> {
                    s.put("description", "A token issued by the Cognito user pool of the API's authorizer.");
                    s.put("name", "Authorization");
                    s.put("in", "header");
                    s.put("x-amazon-apigateway-authtype", "cognito_user_pools");
                }
                default -> {
                    s.put("description", "A Lambda authorizer reads the Authorization header.");
                    s.put("name", "Authorization");
                    s.put("in", "header");
                    s.put("x-amazon-apigateway-authtype", "custom");
                }
            }
            schemes.put(name, s);
        }
        return schemes;
    }

    private void addCounterSchemas() {
        Map<String, Object> number = property("number", "A DynamoDB number: an integer or a decimal of up to 38 "
                + "digits.");
        Map<String, Object> name = property("string", "The counter's name.");

        schemas.put("Counter", object("A counter and its value.",
                List.of("name", "value"), "name", name, "value", number));
        schemas.put("CounterUpdate", object("A counter's new value and the value the same atomic update replaced.",
                List.of("name", "value", "previous"), "name", name, "value", number,
                "previous", property("number", "The value before the update."),
                "window", object("With a rate-limit window (increment with window and max): the window the "
                                + "update counted into.", List.of("start", "resetAt", "limit"),
                        "start", property("integer", "The window's start, epoch seconds."),
                        "resetAt", property("integer", "The next window's start, epoch seconds."),
                        "limit", property("number", "The most the window accepts (max)."))));
        schemas.put("IdRange", object("The ids reserved by one call: every integer from first to value.",
                List.of("name", "value", "first"), "name", name,
                "value", property("number", "The last id reserved."),
                "first", property("number", "The first id reserved."),
                "idempotencyKey", property("string", "With an Idempotency-Key: the key."),
                "replayed", property("boolean", "With an Idempotency-Key: true if the key's first call (until the "
                        + "end of the next UTC day) reserved these ids and nothing was reserved now.")));
        schemas.put("ShardUpdate", object("One shard of a sharded counter took the update.",
                List.of("name", "shard", "shardValue"), "name", name,
                "shard", property("integer", "The shard's index, from 0 to shardCount - 1."),
                "shardValue", property("number", "The shard's new value (not the counter's total).")));
        schemas.put("ShardedCounter", object("A sharded counter: the exact sum of its shards.",
                List.of("name", "value", "shards"), "name", name,
                "value", property("number", "The sum of all shards."),
                "shards", property("integer", "How many shard items exist (at most shardCount).")));
        schemas.put("IdempotentUpdate", object("The answer to an update sent with an Idempotency-Key: it ran in a "
                        + "transaction, which returns no values (read the counter for its value).",
                List.of("name", "idempotencyKey", "replayed"), "name", name,
                "idempotencyKey", property("string", "The Idempotency-Key of the request."),
                "replayed", property("boolean", "true: the same request with this key was applied before (within "
                        + "24 h) and nothing changed now; false: applied now.")));
        schemas.put("Error", object("An error: a stable code and a message; 409 errors (LimitExceeded, "
                        + "ExpectedValueMismatch) also carry the counter's current value.",
                List.of("error", "message"),
                "error", property("string", "A stable error code, e.g. NotFound, BadRequest, "
                        + "LimitExceeded, ExpectedValueMismatch, Throttled, AccessDenied, ServiceUnavailable."),
                "message", property("string", "A human-readable explanation."),
                "value", property("number", "The counter's current value (409 only)."),
                "limit", property("number", "A full rate-limit window's limit (409 only)."),
                "resetAt", property("integer", "When a full rate-limit window resets, epoch seconds (409 "
                        + "only).")));
    }

    private static Map<String, Object> property(String type, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("description", description);
        return p;
    }

    private static Map<String, Object> object(String description, List<String> required, Object... properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", description);
        schema.put("required", required);
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        schema.put("properties", props);
        return schema;
    }
}
