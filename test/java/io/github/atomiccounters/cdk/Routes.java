package io.github.atomiccounters.cdk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a synthesized template's REST API back into "METHOD /path" routes, for assertions. */
final class Routes {
    private Routes() {
    }

    static Map<String, Map<String, Object>> methodsByRoute(Map<String, Object> template) {
        Map<String, Object> resources = map(template.get("Resources"));
        Map<String, String> paths = new HashMap<>();
        Map<String, Map<String, Object>> methods = new HashMap<>();
        for (Map.Entry<String, Object> e : resources.entrySet()) {
            Map<String, Object> resource = map(e.getValue());
            if ("AWS::ApiGateway::Method".equals(resource.get("Type"))) {
                Map<String, Object> props = map(resource.get("Properties"));
                String path = pathOf(props.get("ResourceId"), resources, paths);
                methods.put(props.get("HttpMethod") + " " + path, props);
            }
        }
        return methods;
    }

    private static String pathOf(Object resourceId, Map<String, Object> resources, Map<String, String> cache) {
        if (resourceId instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
            return "";  // the root resource
        }
        String id = ref(resourceId);
        String known = cache.get(id);
        if (known == null) {
            Map<String, Object> props = map(map(resources.get(id)).get("Properties"));
            known = pathOf(props.get("ParentId"), resources, cache) + "/" + props.get("PathPart");
            cache.put(id, known);
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static String ref(Object o) {
        return (String) map(o).get("Ref");
    }

    /** The literal parts of an Fn::Join, concatenated (intrinsic parts as their JSON). */
    @SuppressWarnings("unchecked")
    static String joined(Object o) {
        if (o instanceof String s) {
            return s;
        }
        List<Object> join = (List<Object>) map(o).get("Fn::Join");
        StringBuilder out = new StringBuilder();
        for (Object part : (List<Object>) join.get(1)) {
            out.append(part instanceof String s ? s : part.toString());
        }
        return out.toString();
    }
}
