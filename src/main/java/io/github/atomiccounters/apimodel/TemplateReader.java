package io.github.atomiccounters.apimodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds an {@link ApiModel} from a template. Not thread-safe; one instance per read. */
final class TemplateReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PATH_PARAM = Pattern.compile("^\\{([^}+]+)\\+?}$");
    private static final String DRAFT4 = "http://json-schema.org/draft-04/schema#";

    private final JsonNode template;
    private final IntrinsicResolver resolver;
    private final Map<String, String> resourcePaths = new LinkedHashMap<>();
    private String apiId;

    TemplateReader(JsonNode template, LocalFacts facts) {
        if (template == null || !template.isObject()) {
            throw new TemplateException("", "A CloudFormation template must be a JSON object");
        }
        this.template = template;
        this.resolver = new IntrinsicResolver(template, facts);
    }

    List<String> restApiIds() {
        return ids("AWS::ApiGateway::RestApi");
    }

    ApiModel read(String restApiLogicalId) {
        List<String> apis = restApiIds();
        if (restApiLogicalId == null) {
            if (apis.isEmpty()) {
                throw new TemplateException("/Resources", "The template has no AWS::ApiGateway::RestApi");
            }
            if (apis.size() > 1) {
                throw new TemplateException("/Resources", "The template has several AWS::ApiGateway::RestApi "
                        + apis + "; pass the logical id of the one to read");
            }
            restApiLogicalId = apis.get(0);
        } else if (!apis.contains(restApiLogicalId)) {
            throw new TemplateException("/Resources", "No AWS::ApiGateway::RestApi with logical id '"
                    + restApiLogicalId + "' (found " + apis + ")");
        }
        apiId = restApiLogicalId;
        return new ApiModel(readApi(), readTables(), readOutputs());
    }

    // ------------------------------------------------------------------ helpers

    private static String p(String logicalId, String... keys) {
        StringBuilder sb = new StringBuilder("/Resources/").append(IntrinsicResolver.escape(logicalId)).append("/Properties");
        for (String k : keys) {
            sb.append('/').append(IntrinsicResolver.escape(k));
        }
        return sb.toString();
    }

    private List<String> ids(String type) {
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.equals(e.getValue().path("Type").asText()) && resolver.isIncluded(e.getKey())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private JsonNode props(String logicalId) {
        return template.path("Resources").path(logicalId).path("Properties");
    }

    /** Logical id targeted by {@code {"Ref": X}} or {@code {"Fn::GetAtt": [X, ...]}} / "X.attr"; else null. */
    private static String target(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return null;
        }
        if (node.has("Ref") && node.get("Ref").isTextual()) {
            return node.get("Ref").asText();
        }
        JsonNode ga = node.get("Fn::GetAtt");
        if (ga != null) {
            if (ga.isArray() && ga.size() == 2 && ga.get(0).isTextual()) {
                return ga.get(0).asText();
            }
            if (ga.isTextual() && ga.asText().contains(".")) {
                return ga.asText().substring(0, ga.asText().indexOf('.'));
            }
        }
        return null;
    }

    private boolean belongsToApi(String logicalId, String property) {
        JsonNode node = props(logicalId).get(property);
        if (node == null) {
            return false;
        }
        String t = target(node);
        if (t != null && node.has("Ref")) {
            return t.equals(apiId);
        }
        return resolver.physicalId(apiId).equals(resolver.resolveString(node, p(logicalId, property)));
    }

    private String str(String logicalId, JsonNode props, String key) {
        JsonNode n = props.get(key);
        return n == null ? null : resolver.resolveString(n, p(logicalId, key));
    }

    private boolean bool(String logicalId, JsonNode props, String key, boolean dflt) {
        JsonNode n = props.get(key);
        if (n == null) {
            return dflt;
        }
        Object v = resolver.resolve(n, p(logicalId, key));
        if (v == null) {
            return dflt;
        }
        return v instanceof Boolean b ? b : Boolean.parseBoolean(IntrinsicResolver.stringify(v));
    }

    private Double num(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        String s = resolver.resolveString(node, path);
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new TemplateException(path, "Not a number: '" + s + "'");
        }
    }

    private Map<String, String> stringMap(JsonNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (IntrinsicResolver.isIntrinsic(node)) {
            Object v = resolver.resolve(node, path);
            if (v instanceof Map<?, ?> m) {
                m.forEach((k, val) -> out.put(String.valueOf(k), IntrinsicResolver.stringify(val)));
                return out;
            }
            throw new TemplateException(path, "Expected an object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = resolver.resolveString(e.getValue(), path + "/" + IntrinsicResolver.escape(e.getKey()));
            if (v != null || e.getValue().isNull()) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private Map<String, Boolean> boolMap(JsonNode node, String path) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : stringMap(node, path).entrySet()) {
            out.put(e.getKey(), Boolean.parseBoolean(e.getValue()));
        }
        return out;
    }

    private List<JsonNode> array(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    // ------------------------------------------------------------------ the API

    private RestApi readApi() {
        JsonNode apiProps = props(apiId);
        String name = str(apiId, apiProps, "Name");
        if (name == null) {
            name = apiId;
        }

        // stage: the Stage resource, else a Deployment with StageName
        String stageName = null;
        Map<String, String> variables = Map.of();
        Throttle throttle = null;
        List<String> stages = ids("AWS::ApiGateway::Stage").stream().filter(s -> belongsToApi(s, "RestApiId")).toList();
        if (!stages.isEmpty()) {
            String s = stages.get(0);
            JsonNode sp = props(s);
            stageName = str(s, sp, "StageName");
            variables = stringMap(sp.get("Variables"), p(s, "Variables"));
            throttle = stageThrottle(sp.get("MethodSettings"), p(s, "MethodSettings"), null, null);
        } else {
            for (String d : ids("AWS::ApiGateway::Deployment")) {
                JsonNode dp = props(d);
                if (belongsToApi(d, "RestApiId") && dp.has("StageName")) {
                    stageName = str(d, dp, "StageName");
                    JsonNode desc = dp.path("StageDescription");
                    String dpath = p(d, "StageDescription");
                    variables = stringMap(desc.get("Variables"), dpath + "/Variables");
                    throttle = stageThrottle(desc.get("MethodSettings"), dpath + "/MethodSettings",
                            num(desc.get("ThrottlingRateLimit"), dpath + "/ThrottlingRateLimit"),
                            num(desc.get("ThrottlingBurstLimit"), dpath + "/ThrottlingBurstLimit"));
                    break;
                }
            }
        }

        Map<String, GatewayResponse> gatewayResponses = new LinkedHashMap<>();
        for (String g : ids("AWS::ApiGateway::GatewayResponse")) {
            if (!belongsToApi(g, "RestApiId")) {
                continue;
            }
            JsonNode gp = props(g);
            String type = str(g, gp, "ResponseType");
            if (type == null) {
                throw new TemplateException(p(g, "ResponseType"), "GatewayResponse without ResponseType");
            }
            gatewayResponses.put(type, new GatewayResponse(type, str(g, gp, "StatusCode"),
                    stringMap(gp.get("ResponseParameters"), p(g, "ResponseParameters")),
                    stringMap(gp.get("ResponseTemplates"), p(g, "ResponseTemplates"))));
        }

        return new RestApi(name, stageName, variables, throttle, readResources(), gatewayResponses,
                readApiKeys(), readUsagePlans());
    }

    private Throttle stageThrottle(JsonNode methodSettings, String path, Double rate, Double burst) {
        for (int i = 0; i < array(methodSettings).size(); i++) {
            JsonNode ms = methodSettings.get(i);
            String mp = path + "/" + i;
            String hm = resolver.resolveString(ms.get("HttpMethod"), mp + "/HttpMethod");
            String rp = resolver.resolveString(ms.get("ResourcePath"), mp + "/ResourcePath");
            if ("*".equals(hm) && "/*".equals(rp)) {
                Double r = num(ms.get("ThrottlingRateLimit"), mp + "/ThrottlingRateLimit");
                Double b = num(ms.get("ThrottlingBurstLimit"), mp + "/ThrottlingBurstLimit");
                if (r != null) {
                    rate = r;
                }
                if (b != null) {
                    burst = b;
                }
            }
        }
        return throttle(rate, burst);
    }

    /** Account defaults (10000 rps, 5000 burst) fill in a missing half. */
    private static Throttle throttle(Double rate, Double burst) {
        if (rate == null && burst == null) {
            return null;
        }
        return new Throttle(rate == null ? 10000 : rate, burst == null ? 5000 : (int) Math.round(burst));
    }

    // ------------------------------------------------------------------ resources and methods

    private String resourcePath(String logicalId, Set<String> visiting) {
        String known = resourcePaths.get(logicalId);
        if (known != null) {
            return known;
        }
        if (!visiting.add(logicalId)) {
            throw new TemplateException(p(logicalId, "ParentId"), "Cycle in resource parents at '" + logicalId + "'");
        }
        JsonNode rp = props(logicalId);
        String parentPath = parentPath(rp.get("ParentId"), p(logicalId, "ParentId"), visiting);
        String part = str(logicalId, rp, "PathPart");
        if (part == null || part.isEmpty()) {
            throw new TemplateException(p(logicalId, "PathPart"), "Resource without PathPart");
        }
        String path = parentPath.equals("/") ? "/" + part : parentPath + "/" + part;
        resourcePaths.put(logicalId, path);
        visiting.remove(logicalId);
        return path;
    }

    /** Path of the resource a ParentId/ResourceId points to ("/" for the API's root). */
    private String parentPath(JsonNode ref, String path, Set<String> visiting) {
        if (ref == null) {
            throw new TemplateException(path, "Missing resource reference");
        }
        String t = target(ref);
        if (t != null) {
            if (ref.has("Fn::GetAtt")) {
                if (t.equals(apiId)) {
                    return "/";
                }
            } else if ("AWS::ApiGateway::Resource".equals(resolver.resourceType(t))) {
                return resourcePath(t, visiting);
            }
        }
        String resolved = resolver.resolveString(ref, path);
        if (resolver.rootResourceId(apiId).equals(resolved)) {
            return "/";
        }
        for (String r : ids("AWS::ApiGateway::Resource")) {
            if (r.equals(resolved) && belongsToApi(r, "RestApiId")) {
                return resourcePath(r, visiting);
            }
        }
        throw new TemplateException(path, "Cannot find the API resource referenced here (resolved to '" + resolved + "')");
    }

    private static List<String> pathParameters(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            Matcher m = PATH_PARAM.matcher(part);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private List<ApiResource> readResources() {
        Map<String, Map<String, ApiMethod>> methodsByPath = new TreeMap<>();
        methodsByPath.put("/", new TreeMap<>());
        for (String r : ids("AWS::ApiGateway::Resource")) {
            if (belongsToApi(r, "RestApiId")) {
                methodsByPath.put(resourcePath(r, new HashSet<>()), new TreeMap<>());
            }
        }
        for (String m : ids("AWS::ApiGateway::Method")) {
            if (!belongsToApi(m, "RestApiId")) {
                continue;
            }
            String path = parentPath(props(m).get("ResourceId"), p(m, "ResourceId"), new HashSet<>());
            ApiMethod method = readMethod(m);
            Map<String, ApiMethod> methods = methodsByPath.computeIfAbsent(path, k -> new TreeMap<>());
            if (methods.put(method.httpMethod(), method) != null) {
                throw new TemplateException(p(m, "HttpMethod"), "Duplicate method " + method.httpMethod() + " on " + path);
            }
        }
        List<ApiResource> out = new ArrayList<>();
        methodsByPath.forEach((path, methods) -> out.add(new ApiResource(path, pathParameters(path), methods)));
        out.sort(Comparator.comparing(ApiResource::path));
        return out;
    }

    private ApiMethod readMethod(String m) {
        JsonNode mp = props(m);
        String httpMethod = str(m, mp, "HttpMethod");
        if (httpMethod == null) {
            throw new TemplateException(p(m, "HttpMethod"), "Method without HttpMethod");
        }
        httpMethod = httpMethod.toUpperCase(Locale.ROOT);
        String authType = str(m, mp, "AuthorizationType");
        if (authType == null) {
            authType = "NONE";
        }

        RequestValidatorModel validator = null;
        if (mp.has("RequestValidatorId")) {
            validator = readValidator(mp.get("RequestValidatorId"), p(m, "RequestValidatorId"));
        }

        Map<String, Object> requestModels = new LinkedHashMap<>();
        JsonNode rm = mp.get("RequestModels");
        if (rm != null) {
            Iterator<Map.Entry<String, JsonNode>> it = rm.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                requestModels.put(e.getKey(), modelSchema(e.getValue(),
                        p(m, "RequestModels") + "/" + IntrinsicResolver.escape(e.getKey())));
            }
        }

        List<MethodResponse> methodResponses = new ArrayList<>();
        List<JsonNode> mrs = array(mp.get("MethodResponses"));
        for (int i = 0; i < mrs.size(); i++) {
            JsonNode r = mrs.get(i);
            String rpath = p(m, "MethodResponses") + "/" + i;
            methodResponses.add(new MethodResponse(resolver.resolveString(r.get("StatusCode"), rpath + "/StatusCode"),
                    boolMap(r.get("ResponseParameters"), rpath + "/ResponseParameters"),
                    stringMap(r.get("ResponseModels"), rpath + "/ResponseModels")));
        }

        String authorizerType = null;
        JsonNode authorizerId = mp.get("AuthorizerId");
        if (authorizerId != null) {
            String t = target(authorizerId);
            if (t != null && "AWS::ApiGateway::Authorizer".equals(resolver.resourceType(t))) {
                authorizerType = str(t, props(t), "Type");
            } else {
                throw new TemplateException(p(m, "AuthorizerId"), "AuthorizerId does not reference an AWS::ApiGateway::Authorizer");
            }
        }

        Integration integration = mp.has("Integration") ? readIntegration(m, mp.get("Integration")) : null;

        return new ApiMethod(httpMethod, authType, bool(m, mp, "ApiKeyRequired", false), validator, requestModels,
                boolMap(mp.get("RequestParameters"), p(m, "RequestParameters")), integration, methodResponses,
                authorizerType);
    }

    private RequestValidatorModel readValidator(JsonNode ref, String path) {
        String t = target(ref);
        if (t == null || !"AWS::ApiGateway::RequestValidator".equals(resolver.resourceType(t))) {
            String resolved = resolver.resolveString(ref, path);
            t = ids("AWS::ApiGateway::RequestValidator").stream()
                    .filter(v -> resolver.physicalId(v).equals(resolved)).findFirst()
                    .orElseThrow(() -> new TemplateException(path, "RequestValidatorId does not reference an AWS::ApiGateway::RequestValidator"));
        }
        JsonNode vp = props(t);
        String name = str(t, vp, "Name");
        return new RequestValidatorModel(name == null ? t : name, bool(t, vp, "ValidateRequestBody", false),
                bool(t, vp, "ValidateRequestParameters", false));
    }

    /** JSON schema of a model referenced by Ref, by name (template Model Name) or built-in ("Empty", "Error"). */
    private Object modelSchema(JsonNode ref, String path) {
        String t = target(ref);
        if (t != null && ref.has("Ref")) {
            if (!"AWS::ApiGateway::Model".equals(resolver.resourceType(t))) {
                throw new TemplateException(path, "'" + t + "' is not an AWS::ApiGateway::Model");
            }
            return schemaOf(t);
        }
        String name = resolver.resolveString(ref, path);
        for (String mdl : ids("AWS::ApiGateway::Model")) {
            if (resolver.physicalId(mdl).equals(name) && belongsToApi(mdl, "RestApiId")) {
                return schemaOf(mdl);
            }
        }
        if ("Empty".equals(name)) {
            return Map.of("$schema", DRAFT4, "title", "Empty Schema", "type", "object");
        }
        if ("Error".equals(name)) {
            return Map.of("$schema", DRAFT4, "title", "Error Schema", "type", "object",
                    "properties", Map.of("message", Map.of("type", "string")));
        }
        throw new TemplateException(path, "Unknown model '" + name + "'");
    }

    private Object schemaOf(String modelId) {
        JsonNode s = props(modelId).get("Schema");
        String path = p(modelId, "Schema");
        if (s == null) {
            return Map.of();
        }
        Object v = resolver.resolve(s, path);
        if (v instanceof String text) {
            try {
                v = MAPPER.readValue(text, Object.class);
            } catch (Exception e) {
                throw new TemplateException(path, "Model schema is not valid JSON: " + e.getMessage());
            }
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new TemplateException(path, "Model schema must be a JSON object");
        }
        return v;
    }

    private Integration readIntegration(String m, JsonNode in) {
        String base = p(m, "Integration");
        String type = resolver.resolveString(in.get("Type"), base + "/Type");
        String uri = resolver.resolveString(in.get("Uri"), base + "/Uri");
        String[] aws = Integration.parseAwsUri(uri);
        String passthrough = resolver.resolveString(in.get("PassthroughBehavior"), base + "/PassthroughBehavior");
        List<IntegrationResponse> responses = new ArrayList<>();
        List<JsonNode> irs = array(in.get("IntegrationResponses"));
        for (int i = 0; i < irs.size(); i++) {
            JsonNode r = irs.get(i);
            String rp = base + "/IntegrationResponses/" + i;
            String pattern = resolver.resolveString(r.get("SelectionPattern"), rp + "/SelectionPattern");
            responses.add(new IntegrationResponse(resolver.resolveString(r.get("StatusCode"), rp + "/StatusCode"),
                    pattern == null || pattern.isEmpty() ? null : pattern,
                    stringMap(r.get("ResponseTemplates"), rp + "/ResponseTemplates"),
                    stringMap(r.get("ResponseParameters"), rp + "/ResponseParameters")));
        }
        return new Integration(type == null ? null : type.toUpperCase(Locale.ROOT),
                resolver.resolveString(in.get("IntegrationHttpMethod"), base + "/IntegrationHttpMethod"),
                uri, aws == null ? null : aws[0], aws == null ? null : aws[1],
                resolver.resolveString(in.get("Credentials"), base + "/Credentials"),
                passthrough == null ? "WHEN_NO_MATCH" : passthrough,
                stringMap(in.get("RequestTemplates"), base + "/RequestTemplates"),
                stringMap(in.get("RequestParameters"), base + "/RequestParameters"),
                responses);
    }

    // ------------------------------------------------------------------ keys and plans

    private boolean planBelongsToApi(String plan) {
        for (JsonNode stage : array(props(plan).get("ApiStages"))) {
            JsonNode apiRef = stage.get("ApiId");
            if (apiRef != null && (apiId.equals(target(apiRef))
                    || resolver.physicalId(apiId).equals(resolver.resolveString(apiRef, p(plan, "ApiStages"))))) {
                return true;
            }
        }
        return false;
    }

    private List<String> plansOfApi() {
        boolean single = restApiIds().size() == 1;
        return ids("AWS::ApiGateway::UsagePlan").stream().filter(pl -> single || planBelongsToApi(pl)).toList();
    }

    /** UsagePlanKey resources: [planLogicalId, keyLogicalId]. */
    private List<String[]> planKeys() {
        List<String[]> out = new ArrayList<>();
        for (String upk : ids("AWS::ApiGateway::UsagePlanKey")) {
            JsonNode kp = props(upk);
            String plan = target(kp.get("UsagePlanId"));
            String key = target(kp.get("KeyId"));
            if (plan != null && key != null) {
                out.add(new String[] {plan, key});
            }
        }
        return out;
    }

    private String keyName(String key) {
        String n = str(key, props(key), "Name");
        return n == null ? key : n;
    }

    private List<ApiKeyModel> readApiKeys() {
        boolean single = restApiIds().size() == 1;
        List<String> plans = plansOfApi();
        List<String[]> planKeys = planKeys();
        List<ApiKeyModel> out = new ArrayList<>();
        for (String key : ids("AWS::ApiGateway::ApiKey")) {
            JsonNode kp = props(key);
            boolean linked = single
                    || array(kp.get("StageKeys")).stream().anyMatch(sk -> apiId.equals(target(sk.get("RestApiId"))))
                    || planKeys.stream().anyMatch(pk -> pk[1].equals(key) && plans.contains(pk[0]));
            if (linked) {
                out.add(new ApiKeyModel(keyName(key), str(key, kp, "Value"), bool(key, kp, "Enabled", false)));
            }
        }
        return out;
    }

    private List<UsagePlanModel> readUsagePlans() {
        List<String[]> planKeys = planKeys();
        List<UsagePlanModel> out = new ArrayList<>();
        for (String plan : plansOfApi()) {
            JsonNode pp = props(plan);
            String name = str(plan, pp, "UsagePlanName");
            JsonNode t = pp.get("Throttle");
            Throttle throttle = t == null ? null : throttle(num(t.get("RateLimit"), p(plan, "Throttle", "RateLimit")),
                    num(t.get("BurstLimit"), p(plan, "Throttle", "BurstLimit")));
            JsonNode q = pp.get("Quota");
            Quota quota = null;
            if (q != null) {
                Double limit = num(q.get("Limit"), p(plan, "Quota", "Limit"));
                quota = new Quota(limit == null ? 0 : (int) Math.round(limit),
                        resolver.resolveString(q.get("Period"), p(plan, "Quota", "Period")));
            }
            List<String> keys = new ArrayList<>();
            for (String[] pk : planKeys) {
                if (pk[0].equals(plan) && "AWS::ApiGateway::ApiKey".equals(resolver.resourceType(pk[1]))) {
                    keys.add(keyName(pk[1]));
                }
            }
            out.add(new UsagePlanModel(name == null ? plan : name, throttle, quota, keys));
        }
        return out;
    }

    // ------------------------------------------------------------------ tables and outputs

    private List<TableModel> readTables() {
        List<TableModel> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("Type").asText();
            if ((type.equals("AWS::DynamoDB::Table") || type.equals("AWS::DynamoDB::GlobalTable"))
                    && resolver.isIncluded(e.getKey())) {
                tables.add(e.getKey());
            }
        }
        for (String t : tables) {
            JsonNode tp = props(t);
            Map<String, String> attrTypes = new LinkedHashMap<>();
            for (JsonNode ad : array(tp.get("AttributeDefinitions"))) {
                attrTypes.put(resolver.resolveString(ad.get("AttributeName"), p(t, "AttributeDefinitions")),
                        resolver.resolveString(ad.get("AttributeType"), p(t, "AttributeDefinitions")));
            }
            String pk = null;
            String sk = null;
            for (JsonNode ks : array(tp.get("KeySchema"))) {
                String name = resolver.resolveString(ks.get("AttributeName"), p(t, "KeySchema"));
                String kt = resolver.resolveString(ks.get("KeyType"), p(t, "KeySchema"));
                if ("HASH".equals(kt)) {
                    pk = name;
                } else if ("RANGE".equals(kt)) {
                    sk = name;
                }
            }
            if (pk == null) {
                throw new TemplateException(p(t, "KeySchema"), "Table without a HASH key");
            }
            String ttl = null;
            JsonNode ttlSpec = tp.get("TimeToLiveSpecification");
            if (ttlSpec != null && bool(t, ttlSpec, "Enabled", false)) {
                ttl = resolver.resolveString(ttlSpec.get("AttributeName"), p(t, "TimeToLiveSpecification", "AttributeName"));
            }
            out.add(new TableModel(t, resolver.physicalId(t), pk, attrTypes.get(pk), sk,
                    sk == null ? null : attrTypes.get(sk), ttl));
        }
        return out;
    }

    private Map<String, String> readOutputs() {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = template.path("Outputs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode cond = e.getValue().get("Condition");
            if (cond != null && cond.isTextual() && !resolver.condition(cond.asText())) {
                continue;
            }
            out.put(e.getKey(), resolver.resolveString(e.getValue().get("Value"),
                    "/Outputs/" + IntrinsicResolver.escape(e.getKey()) + "/Value"));
        }
        return out;
    }
}
