package io.github.atomiccounters.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural checks of an OpenAPI 3.0 document with plain code: the rules of the specification this generator
 * could break. {@link #problems} lists every violation (empty when the document passes).
 */
final class OpenApiChecks {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Set<String> SCHEMA_FIELDS = Set.of("title", "multipleOf", "maximum", "exclusiveMaximum",
            "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
            "maxProperties", "minProperties", "required", "enum", "type", "allOf", "oneOf", "anyOf", "not", "items",
            "properties", "additionalProperties", "description", "format", "default", "nullable", "discriminator",
            "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated", "$ref");
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private final Map<String, Object> doc;
    private final List<String> problems = new ArrayList<>();

    private OpenApiChecks(Map<String, Object> doc) {
        this.doc = doc;
    }

    static List<String> problems(Map<String, Object> doc) {
        OpenApiChecks c = new OpenApiChecks(doc);
        c.check();
        return c.problems;
    }

    private void check() {
        require(doc.get("openapi") instanceof String s && s.startsWith("3.0."), "openapi: expected 3.0.x");
        Map<String, Object> info = map(doc.get("info"), "info");
        require(info.get("title") instanceof String, "info.title: required string");
        require(info.get("version") instanceof String, "info.version: required string");
        // optional in OpenAPI 3.0, but a published document names its license (Redocly's info-license rule)
        if (info.get("license") instanceof Map<?, ?> license) {
            require(license.get("name") instanceof String, "info.license.name: required string");
            require(license.get("url") == null || String.valueOf(license.get("url")).startsWith("https://"),
                    "info.license.url: an https URL");
        } else {
            require(false, "info.license: required (name, url) in a published document");
        }
        if (doc.containsKey("servers")) {
            for (Object s : list(doc.get("servers"), "servers")) {
                Map<String, Object> server = map(s, "servers[]");
                require(server.get("url") instanceof String, "server.url: required");
                Matcher m = TEMPLATE.matcher(String.valueOf(server.get("url")));
                while (m.find()) {
                    Map<String, Object> vars = map(server.get("variables"), "server.variables");
                    Map<String, Object> var = map(vars.get(m.group(1)), "server variable " + m.group(1));
                    require(var.get("default") instanceof String, "server variable " + m.group(1) + ": default");
                }
            }
        }
        Map<String, Object> components = doc.containsKey("components")
                ? map(doc.get("components"), "components") : Map.of();
        Map<String, Object> schemas = components.containsKey("schemas")
                ? map(components.get("schemas"), "components.schemas") : Map.of();
        Map<String, Object> schemes = components.containsKey("securitySchemes")
                ? map(components.get("securitySchemes"), "components.securitySchemes") : Map.of();
        schemas.forEach((name, s) -> {
            require(name.matches("^[a-zA-Z0-9._-]+$"), "component name " + name);
            schema(s, "components.schemas." + name);
        });
        schemes.forEach((name, s) -> {
            Map<String, Object> scheme = map(s, "securityScheme " + name);
            require(Set.of("apiKey", "http", "oauth2", "openIdConnect").contains(scheme.get("type")),
                    name + ".type");
            if ("apiKey".equals(scheme.get("type"))) {
                require(scheme.get("name") instanceof String, name + ".name");
                require(Set.of("query", "header", "cookie").contains(scheme.get("in")), name + ".in");
            }
        });
        Set<String> operationIds = new HashSet<>();
        map(doc.get("paths"), "paths").forEach((path, item) -> {
            require(path.startsWith("/"), "path " + path + ": must start with /");
            Set<String> templated = new LinkedHashSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                String name = m.group(1);
                templated.add(name.endsWith("+") ? name.substring(0, name.length() - 1) : name);
            }
            map(item, path).forEach((method, o) -> {
                String where = method + " " + path;
                if (method.startsWith("x-")) {
                    return;
                }
                require(OPERATIONS.contains(method), where + ": not an operation field");
                Map<String, Object> op = map(o, where);
                Object id = op.get("operationId");
                require(id instanceof String && operationIds.add((String) id), where + ": unique operationId");
                Set<String> declaredPath = new HashSet<>();
                Set<String> seen = new HashSet<>();
                if (op.containsKey("parameters")) {
                    for (Object p : list(op.get("parameters"), where + ".parameters")) {
                        Map<String, Object> param = map(p, where + " parameter");
                        String in = String.valueOf(param.get("in"));
                        require(param.get("name") instanceof String, where + ": parameter name");
                        require(Set.of("path", "query", "header", "cookie").contains(in), where + ": parameter in");
                        require(seen.add(in + ":" + param.get("name")), where + ": duplicate parameter");
                        require(param.containsKey("schema") ^ param.containsKey("content"), where + ": schema");
                        if (in.equals("path")) {
                            require(Boolean.TRUE.equals(param.get("required")), where + ": path params required");
                            declaredPath.add(String.valueOf(param.get("name")));
                        }
                        if (param.containsKey("schema")) {
                            schema(param.get("schema"), where + " parameter schema");
                        }
                    }
                }
                require(declaredPath.equals(templated), where + ": path parameters " + declaredPath
                        + " must match the template " + templated);
                if (op.containsKey("requestBody")) {
                    Map<String, Object> body = map(op.get("requestBody"), where + ".requestBody");
                    content(body.get("content"), where + ".requestBody");
                }
                Map<String, Object> responses = map(op.get("responses"), where + ".responses");
                require(!responses.isEmpty(), where + ": at least one response");
                responses.forEach((status, r) -> {
                    require(status.equals("default") || status.matches("[1-5]([0-9]{2}|XX)"), where + " " + status);
                    Map<String, Object> response = map(r, where + " " + status);
                    require(response.get("description") instanceof String, where + " " + status + ": description");
                    if (response.containsKey("content")) {
                        content(response.get("content"), where + " " + status);
                    }
                    if (response.containsKey("headers")) {
                        map(response.get("headers"), where + " headers").forEach((h, header) ->
                                schema(map(header, h).get("schema"), where + " header " + h));
                    }
                });
                if (op.containsKey("security")) {
                    for (Object req : list(op.get("security"), where + ".security")) {
                        map(req, where + " security").keySet().forEach(scheme ->
                                require(schemes.containsKey(scheme), where + ": unknown security scheme " + scheme));
                    }
                }
            });
        });
        refs(doc, schemas, "#");
    }

    private void content(Object content, String where) {
        Map<String, Object> c = map(content, where + ".content");
        require(!c.isEmpty(), where + ": content must not be empty");
        c.forEach((type, media) -> schema(map(media, where + " " + type).get("schema"), where + " " + type));
    }

    private void schema(Object s, String where) {
        Map<String, Object> schema = map(s, where);
        if (schema.containsKey("$ref")) {
            require(schema.size() == 1, where + ": $ref must stand alone");
            return;
        }
        schema.forEach((key, value) -> {
            require(SCHEMA_FIELDS.contains(key) || key.startsWith("x-"), where + ": not an OAS 3.0 schema field " + key);
            switch (key) {
                case "type" -> require(value instanceof String && TYPES.contains(value), where + ".type " + value);
                case "properties" -> map(value, where + ".properties").forEach((k, v) -> schema(v, where + "." + k));
                case "items", "not" -> schema(value, where + "." + key);
                case "additionalProperties" -> {
                    if (!(value instanceof Boolean)) {
                        schema(value, where + ".additionalProperties");
                    }
                }
                case "allOf", "oneOf", "anyOf" -> {
                    List<Object> l = list(value, where + "." + key);
                    require(!l.isEmpty(), where + "." + key + ": not empty");
                    l.forEach(x -> schema(x, where + "." + key + "[]"));
                }
                case "required", "enum" -> require(!list(value, where + "." + key).isEmpty(), where + "." + key);
                case "exclusiveMaximum", "exclusiveMinimum", "nullable", "uniqueItems" ->
                        require(value instanceof Boolean, where + "." + key + ": boolean");
                default -> {
                }
            }
        });
        if ("array".equals(schema.get("type"))) {
            require(schema.containsKey("items"), where + ": arrays need items");
        }
    }

    private void refs(Object node, Map<String, Object> schemas, String where) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("$ref".equals(k)) {
                    String ref = String.valueOf(v);
                    require(ref.startsWith("#/components/schemas/")
                            && schemas.containsKey(ref.substring("#/components/schemas/".length())),
                            where + ": dangling $ref " + ref);
                } else {
                    refs(v, schemas, where + "/" + k);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(x -> refs(x, schemas, where + "[]"));
        }
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object o, String where) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        problems.add(where + ": expected an object but got " + o);
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, String where) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        problems.add(where + ": expected an array but got " + o);
        return List.of();
    }
}
