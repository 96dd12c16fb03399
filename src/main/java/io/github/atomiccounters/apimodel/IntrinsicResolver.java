package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions of one template against {@link LocalFacts}.
 *
 * <p>Resolved values are plain Java values: {@link String}, {@link Boolean}, {@link Number},
 * {@code List<Object>}, {@code Map<String,Object>} or {@code null} (JSON null or {@code AWS::NoValue};
 * {@code AWS::NoValue} entries are dropped from lists and objects).
 *
 * <p>Supported: {@code Ref} (parameters with Default, pseudo parameters, resources), {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::Sub} (both forms), {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If},
 * {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Fn::FindInMap},
 * {@code Fn::Base64}, {@code Fn::GetAZs}. Anything else raises {@link UnsupportedIntrinsicException}.
 *
 * <p>{@link LocalFacts#physicalNames()} overrides the value of {@code Ref} for any resource or parameter.
 */
public final class IntrinsicResolver {

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode template;
    private final LocalFacts facts;
    private final Map<String, Boolean> conditionCache = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();

    public IntrinsicResolver(JsonNode template, LocalFacts facts) {
        this.template = Objects.requireNonNull(template, "template");
        this.facts = facts == null ? LocalFacts.defaults() : facts;
    }

    public LocalFacts facts() {
        return facts;
    }

    public JsonNode template() {
        return template;
    }

    // ------------------------------------------------------------------ public API

    /** Resolves a template value; {@code null} for a missing node, JSON null or {@code AWS::NoValue}. */
    public Object resolve(JsonNode value, String path) {
        Object v = resolveInternal(value, path);
        return v == NO_VALUE ? null : v;
    }

    /** Resolves a template value to a string ({@code null} if absent). Lists are joined with ",", objects rendered as JSON. */
    public String resolveString(JsonNode value, String path) {
        return stringify(resolve(value, path));
    }

    /** String rendering of a resolved value as CloudFormation would substitute it. */
    public static String stringify(Object v) {
        if (v == null || v == NO_VALUE) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(stringify(o));
            }
            return String.join(",", parts);
        }
        if (v instanceof Map<?, ?>) {
            try {
                return MAPPER.writeValueAsString(v);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(v);
    }

    /** True if the node is an object of the shape {@code {"Ref": ...}} or {@code {"Fn::X": ...}}. */
    public static boolean isIntrinsic(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    /** Value of {@code Ref name}: pseudo parameter, parameter, or resource physical id. */
    public Object ref(String name, String path) {
        if (facts.physicalNames().containsKey(name)) {
            return facts.physicalNames().get(name);
        }
        if (name.startsWith("AWS::")) {
            return pseudo(name, path);
        }
        JsonNode param = template.path("Parameters").path(name);
        if (param.isObject()) {
            JsonNode def = param.get("Default");
            if (def == null || def.isNull()) {
                throw new TemplateException(path, "Parameter '" + name + "' has no Default and no local value");
            }
            String type = param.path("Type").asText("");
            Object v = resolveInternal(def, "/Parameters/" + escape(name) + "/Default");
            if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
                String s = stringify(v);
                return new ArrayList<Object>(List.of(s.split(",", -1)));
            }
            return v;
        }
        if (resource(name).isObject()) {
            return physicalId(name);
        }
        throw new TemplateException(path, "Ref to unknown parameter or resource '" + name + "'");
    }

    /** Physical id (the value of {@code Ref}) for a resource. */
    public String physicalId(String logicalId) {
        String forced = facts.physicalNames().get(logicalId);
        if (forced != null) {
            return forced;
        }
        JsonNode res = resource(logicalId);
        if (!res.isObject()) {
            throw new TemplateException("/Resources/" + escape(logicalId), "Unknown resource '" + logicalId + "'");
        }
        String type = res.path("Type").asText("");
        JsonNode props = res.path("Properties");
        String base = "/Resources/" + escape(logicalId) + "/Properties/";
        switch (type) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> {
                String n = props.has("TableName") ? resolveString(props.get("TableName"), base + "TableName") : null;
                return n != null ? n : localName(facts.stackName(), logicalId);
            }
            case "AWS::IAM::Role" -> {
                String n = props.has("RoleName") ? resolveString(props.get("RoleName"), base + "RoleName") : null;
                return n != null ? n : localName(facts.stackName(), logicalId);
            }
            case "AWS::Lambda::Function" -> {
                String n = props.has("FunctionName") ? resolveString(props.get("FunctionName"), base + "FunctionName") : null;
                return n != null ? n : localName(facts.stackName(), logicalId);
            }
            case "AWS::ApiGateway::RestApi" -> {
                return shortId(facts.stackName() + "/" + logicalId);
            }
            case "AWS::ApiGateway::Stage" -> {
                String n = props.has("StageName") ? resolveString(props.get("StageName"), base + "StageName") : null;
                return n != null ? n : logicalId;
            }
            case "AWS::ApiGateway::Model" -> {
                String n = props.has("Name") ? resolveString(props.get("Name"), base + "Name") : null;
                return n != null ? n : logicalId;
            }
            default -> {
                return logicalId;
            }
        }
    }

    /** Value of {@code Fn::GetAtt [logicalId, attribute]}. */
    public String getAtt(String logicalId, String attribute, String path) {
        JsonNode res = resource(logicalId);
        if (!res.isObject()) {
            throw new TemplateException(path, "Fn::GetAtt on unknown resource '" + logicalId + "'");
        }
        String type = res.path("Type").asText("");
        String p = facts.partition();
        String r = facts.region();
        String a = facts.accountId();
        switch (type) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> {
                String arn = "arn:" + p + ":dynamodb:" + r + ":" + a + ":table/" + physicalId(logicalId);
                if (attribute.equals("Arn")) {
                    return arn;
                }
                if (attribute.equals("StreamArn")) {
                    return arn + "/stream/1970-01-01T00:00:00.000";
                }
            }
            case "AWS::IAM::Role" -> {
                if (attribute.equals("Arn")) {
                    return "arn:" + p + ":iam::" + a + ":role/" + physicalId(logicalId);
                }
                if (attribute.equals("RoleId")) {
                    return "AROA" + shortId("role/" + logicalId).toUpperCase();
                }
            }
            case "AWS::Lambda::Function" -> {
                if (attribute.equals("Arn")) {
                    return "arn:" + p + ":lambda:" + r + ":" + a + ":function:" + physicalId(logicalId);
                }
            }
            case "AWS::ApiGateway::RestApi" -> {
                if (attribute.equals("RootResourceId")) {
                    return rootResourceId(logicalId);
                }
                if (attribute.equals("RestApiId")) {
                    return physicalId(logicalId);
                }
            }
            default -> {
                // fall through to the placeholder
            }
        }
        return "local:" + logicalId + "." + attribute;
    }

    /** Local id of the root resource of a RestApi (the value of {@code GetAtt RootResourceId}). */
    public String rootResourceId(String restApiLogicalId) {
        return shortId(facts.stackName() + "/" + restApiLogicalId + "/root");
    }

    /** Evaluates a named condition of the Conditions section. */
    public boolean condition(String name) {
        Boolean cached = conditionCache.get(name);
        if (cached != null) {
            return cached;
        }
        JsonNode c = template.path("Conditions").path(name);
        String path = "/Conditions/" + escape(name);
        if (c.isMissingNode()) {
            throw new TemplateException(path, "Unknown condition '" + name + "'");
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException(path, "Circular condition '" + name + "'");
        }
        try {
            boolean v = evalCondition(c, path);
            conditionCache.put(name, v);
            return v;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    /** False when the resource has a {@code Condition} that evaluates to false. */
    public boolean isIncluded(String logicalId) {
        JsonNode c = resource(logicalId).get("Condition");
        return c == null || !c.isTextual() || condition(c.asText());
    }

    /** The resource's {@code Type}, or null if there is no such resource. */
    public String resourceType(String logicalId) {
        JsonNode t = resource(logicalId).get("Type");
        return t == null ? null : t.asText();
    }

    /** Deterministic local physical name: {@code <stack>-<logicalId>}, restricted to [A-Za-z0-9_.-], 3..255 chars. */
    public static String localName(String stackName, String logicalId) {
        String raw = (stackName == null || stackName.isBlank()) ? logicalId : stackName + "-" + logicalId;
        StringBuilder sb = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            sb.append(Character.isLetterOrDigit(ch) && ch < 128 || ch == '_' || ch == '.' || ch == '-' ? ch : '-');
        }
        while (sb.length() < 3) {
            sb.append('_');
        }
        return sb.length() > 255 ? sb.substring(0, 255) : sb.toString();
    }

    /** Deterministic 10-character lowercase alphanumeric id (shape of API Gateway ids). */
    public static String shortId(String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                sb.append(alphabet.charAt((h[i] & 0xff) % 36));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    // ------------------------------------------------------------------ internals

    private JsonNode resource(String logicalId) {
        JsonNode r = template.path("Resources").path(logicalId);
        return r == null ? MissingNode.getInstance() : r;
    }

    private Object pseudo(String name, String path) {
        return switch (name) {
            case "AWS::Region" -> facts.region();
            case "AWS::AccountId" -> facts.accountId();
            case "AWS::Partition" -> facts.partition();
            case "AWS::StackName" -> facts.stackName();
            case "AWS::StackId" -> "arn:" + facts.partition() + ":cloudformation:" + facts.region() + ":"
                    + facts.accountId() + ":stack/" + facts.stackName() + "/" + shortId("stack/" + facts.stackName());
            case "AWS::URLSuffix" -> facts.partition().equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
            case "AWS::NotificationARNs" -> new ArrayList<>();
            case "AWS::NoValue" -> NO_VALUE;
            default -> throw new TemplateException(path, "Unknown pseudo parameter '" + name + "'");
        };
    }

    private Object resolveInternal(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Object v = resolveInternal(node.get(i), path + "/" + i);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (node.isObject()) {
            if (isIntrinsic(node)) {
                String fn = node.fieldNames().next();
                return intrinsic(fn, node.get(fn), path + "/" + escape(fn));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Object v = resolveInternal(e.getValue(), path + "/" + escape(e.getKey()));
                if (v != NO_VALUE) {
                    out.put(e.getKey(), v);
                }
            }
            return out;
        }
        return node.asText();
    }

    private Object intrinsic(String fn, JsonNode arg, String path) {
        return switch (fn) {
            case "Ref" -> ref(requireString(resolveInternal(arg, path), fn, path), path);
            case "Fn::GetAtt" -> fnGetAtt(arg, path);
            case "Fn::Join" -> fnJoin(arg, path);
            case "Fn::Sub" -> fnSub(arg, path);
            case "Fn::Select" -> fnSelect(arg, path);
            case "Fn::Split" -> fnSplit(arg, path);
            case "Fn::If" -> fnIf(arg, path);
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> evalCondition(MAPPER.createObjectNode().set(fn, arg),
                    path.substring(0, path.length() - escape(fn).length() - 1));
            case "Fn::FindInMap" -> fnFindInMap(arg, path);
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    requireString(resolveInternal(arg, path), fn, path).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> new ArrayList<Object>(
                    List.of(facts.region() + "a", facts.region() + "b", facts.region() + "c"));
            default -> throw new UnsupportedIntrinsicException(fn, path);
        };
    }

    private Object fnGetAtt(JsonNode arg, String path) {
        String logicalId;
        String attr;
        if (arg.isTextual()) {
            String s = arg.asText();
            int dot = s.indexOf('.');
            if (dot <= 0) {
                throw new TemplateException(path, "Fn::GetAtt expects 'LogicalId.Attribute' but got '" + s + "'");
            }
            logicalId = s.substring(0, dot);
            attr = s.substring(dot + 1);
        } else if (arg.isArray() && arg.size() == 2) {
            logicalId = requireString(resolveInternal(arg.get(0), path + "/0"), "Fn::GetAtt", path);
            attr = requireString(resolveInternal(arg.get(1), path + "/1"), "Fn::GetAtt", path);
        } else {
            throw new TemplateException(path, "Fn::GetAtt expects [LogicalId, Attribute]");
        }
        return getAtt(logicalId, attr, path);
    }

    private Object fnJoin(JsonNode arg, String path) {
        if (!arg.isArray() || arg.size() != 2) {
            throw new TemplateException(path, "Fn::Join expects [delimiter, [values]]");
        }
        String delim = requireString(resolveInternal(arg.get(0), path + "/0"), "Fn::Join", path);
        Object list = resolveInternal(arg.get(1), path + "/1");
        if (!(list instanceof List<?> l)) {
            throw new TemplateException(path, "Fn::Join expects a list of values");
        }
        List<String> parts = new ArrayList<>();
        for (Object o : l) {
            parts.add(stringify(o));
        }
        return String.join(delim, parts);
    }

    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private Object fnSub(JsonNode arg, String path) {
        String text;
        Map<String, String> vars = new HashMap<>();
        if (arg.isTextual()) {
            text = arg.asText();
        } else if (arg.isArray() && arg.size() >= 1 && arg.size() <= 2) {
            text = requireString(resolveInternal(arg.get(0), path + "/0"), "Fn::Sub", path);
            if (arg.size() == 2) {
                JsonNode varsNode = arg.get(1);
                if (!varsNode.isObject()) {
                    throw new TemplateException(path + "/1", "Fn::Sub variables must be an object");
                }
                Iterator<Map.Entry<String, JsonNode>> it = varsNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    vars.put(e.getKey(), stringify(resolveInternal(e.getValue(), path + "/1/" + escape(e.getKey()))));
                }
            }
        } else {
            throw new TemplateException(path, "Fn::Sub expects a string or [string, {variables}]");
        }
        StringBuilder out = new StringBuilder();
        var m = SUB_VAR.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            String name = m.group(1);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else {
                String key = name.trim();
                String value;
                if (vars.containsKey(key)) {
                    value = vars.get(key);
                } else if (key.contains(".") && !key.startsWith("AWS::")) {
                    int dot = key.indexOf('.');
                    value = getAtt(key.substring(0, dot), key.substring(dot + 1), path);
                } else {
                    value = stringify(ref(key, path));
                }
                out.append(value == null ? "" : value);
            }
            last = m.end();
        }
        out.append(text.substring(last));
        return out.toString();
    }

    private Object fnSelect(JsonNode arg, String path) {
        if (!arg.isArray() || arg.size() != 2) {
            throw new TemplateException(path, "Fn::Select expects [index, [values]]");
        }
        String idxText = stringify(resolveInternal(arg.get(0), path + "/0"));
        int idx;
        try {
            idx = Integer.parseInt(idxText);
        } catch (NumberFormatException e) {
            throw new TemplateException(path, "Fn::Select index is not a number: '" + idxText + "'");
        }
        Object list = resolveInternal(arg.get(1), path + "/1");
        if (!(list instanceof List<?> l)) {
            throw new TemplateException(path, "Fn::Select expects a list of values");
        }
        if (idx < 0 || idx >= l.size()) {
            throw new TemplateException(path, "Fn::Select index " + idx + " out of range (size " + l.size() + ")");
        }
        return l.get(idx);
    }

    private Object fnSplit(JsonNode arg, String path) {
        if (!arg.isArray() || arg.size() != 2) {
            throw new TemplateException(path, "Fn::Split expects [delimiter, string]");
        }
        String delim = requireString(resolveInternal(arg.get(0), path + "/0"), "Fn::Split", path);
        String source = requireString(resolveInternal(arg.get(1), path + "/1"), "Fn::Split", path);
        if (delim.isEmpty()) {
            throw new TemplateException(path, "Fn::Split delimiter must not be empty");
        }
        return new ArrayList<Object>(List.of(source.split(Pattern.quote(delim), -1)));
    }

    private Object fnIf(JsonNode arg, String path) {
        if (!arg.isArray() || arg.size() != 3 || !arg.get(0).isTextual()) {
            throw new TemplateException(path, "Fn::If expects [conditionName, valueIfTrue, valueIfFalse]");
        }
        boolean c = condition(arg.get(0).asText());
        return c ? resolveInternal(arg.get(1), path + "/1") : resolveInternal(arg.get(2), path + "/2");
    }

    private Object fnFindInMap(JsonNode arg, String path) {
        if (!arg.isArray() || arg.size() < 3) {
            throw new TemplateException(path, "Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]");
        }
        String map = requireString(resolveInternal(arg.get(0), path + "/0"), "Fn::FindInMap", path);
        String top = requireString(resolveInternal(arg.get(1), path + "/1"), "Fn::FindInMap", path);
        String second = requireString(resolveInternal(arg.get(2), path + "/2"), "Fn::FindInMap", path);
        JsonNode v = template.path("Mappings").path(map).path(top).path(second);
        if (v.isMissingNode()) {
            throw new TemplateException(path, "Fn::FindInMap: no value for " + map + "/" + top + "/" + second);
        }
        return resolveInternal(v, "/Mappings/" + escape(map) + "/" + escape(top) + "/" + escape(second));
    }

    private boolean evalCondition(JsonNode c, String path) {
        if (c.isBoolean()) {
            return c.asBoolean();
        }
        if (c.isTextual()) {
            String s = c.asText();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new TemplateException(path, "Not a condition: '" + s + "'");
        }
        if (!c.isObject() || c.size() != 1) {
            throw new TemplateException(path, "Not a condition expression");
        }
        String fn = c.fieldNames().next();
        JsonNode arg = c.get(fn);
        String p = path + "/" + escape(fn);
        switch (fn) {
            case "Condition" -> {
                return condition(arg.asText());
            }
            case "Fn::Equals" -> {
                if (!arg.isArray() || arg.size() != 2) {
                    throw new TemplateException(p, "Fn::Equals expects two values");
                }
                return Objects.equals(stringify(resolveInternal(arg.get(0), p + "/0")),
                        stringify(resolveInternal(arg.get(1), p + "/1")));
            }
            case "Fn::Not" -> {
                JsonNode inner = arg.isArray() ? arg.get(0) : arg;
                return !evalCondition(inner, p + "/0");
            }
            case "Fn::And", "Fn::Or" -> {
                if (!arg.isArray() || arg.isEmpty()) {
                    throw new TemplateException(p, fn + " expects a list of conditions");
                }
                boolean and = fn.equals("Fn::And");
                boolean acc = and;
                for (int i = 0; i < arg.size(); i++) {
                    boolean v = evalCondition(arg.get(i), p + "/" + i);
                    acc = and ? acc && v : acc || v;
                }
                return acc;
            }
            default -> {
                Object v = resolveInternal(c, path);
                if (v instanceof Boolean b) {
                    return b;
                }
                String s = stringify(v);
                if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
                    return Boolean.parseBoolean(s);
                }
                throw new TemplateException(path, "Condition does not evaluate to a boolean: " + fn);
            }
        }
    }

    private static String requireString(Object v, String fn, String path) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return stringify(v);
        }
        throw new TemplateException(path, fn + " expects a string here but got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }
}
