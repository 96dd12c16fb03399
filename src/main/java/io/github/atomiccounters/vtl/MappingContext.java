package io.github.atomiccounters.vtl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code $context} object: a mutable tree of maps. The same instance is passed to the request template and then
 * to the response template, so {@code requestOverride}/{@code responseOverride} assignments carry over.
 *
 * <p>Not thread-safe: one instance belongs to one request.
 */
public final class MappingContext {

    private final Map<String, Object> root = new LinkedHashMap<>();

    private MappingContext() {
    }

    /** A context with {@code requestOverride.{header,path,querystring}}, {@code responseOverride.header},
     * {@code identity}, {@code authorizer} and {@code error} present and empty. */
    public static MappingContext create() {
        MappingContext c = new MappingContext();
        Map<String, Object> requestOverride = c.map(c.root, "requestOverride");
        requestOverride.put("header", new OverrideMap("requestOverride.header"));
        requestOverride.put("path", new OverrideMap("requestOverride.path"));
        requestOverride.put("querystring", new OverrideMap("requestOverride.querystring"));
        OverrideMap responseOverride = new OverrideMap("responseOverride");
        c.root.put("responseOverride", responseOverride);
        responseOverride.put("header", new OverrideMap("responseOverride.header"));
        c.map(c.root, "identity");
        c.map(c.root, "authorizer");
        c.map(c.root, "error");
        return c;
    }

    /**
     * A fresh context holding a copy of {@code tree} (e.g. a recorded {@code $context} snapshot): nested maps are merged
     * into the created ones, so override maps keep their once-only rule.
     */
    public static MappingContext copyOf(Map<String, Object> tree) {
        MappingContext c = create();
        merge(c.root, tree);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && into.get(k) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) m);
            } else if (v instanceof Map<?, ?> m) {
                Map<String, Object> created = new LinkedHashMap<>();
                merge(created, (Map<String, Object>) m);
                into.put(k, created);
            } else {
                into.put(k, v);
            }
        });
    }

    /**
     * Sets a value by dotted key, creating intermediate maps: {@code put("identity.sourceIp", "127.0.0.1")}.
     *
     * @throws IllegalArgumentException if an intermediate key holds something other than a map
     */
    public MappingContext put(String dottedKey, Object value) {
        String[] parts = split(dottedKey);
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = map(current, parts[i]);
        }
        current.put(parts[parts.length - 1], value);
        return this;
    }

    /** The value at a dotted key, or null when any part of it is absent. */
    public Object get(String dottedKey) {
        Object current = root;
        for (String part : split(dottedKey)) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    /** {@code $context.responseOverride.status} if a template set it to a number or a numeric string. */
    public Optional<Integer> responseOverrideStatus() {
        Object status = get("responseOverride.status");
        if (status instanceof Number n) {
            return Optional.of(n.intValue());
        }
        if (status != null) {
            String s = status.toString().trim();
            if (!s.isEmpty()) {
                try {
                    return Optional.of(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@code $context.responseOverride.header.*}, values as strings (null values skipped). */
    public Map<String, String> responseOverrideHeaders() {
        return stringMap(get("responseOverride.header"));
    }

    /** {@code $context.requestOverride.header.*}, values as strings (null values skipped). */
    public Map<String, String> requestOverrideHeaders() {
        return stringMap(get("requestOverride.header"));
    }

    /** {@code $context.requestOverride.querystring.*}, values as strings (null values skipped). */
    public Map<String, String> requestOverrideQuerystring() {
        return stringMap(get("requestOverride.querystring"));
    }

    /** {@code $context.requestOverride.path.*}, values as strings (null values skipped). */
    public Map<String, String> requestOverridePath() {
        return stringMap(get("requestOverride.path"));
    }

    /** The live root map, as templates see it. */
    public Map<String, Object> asMap() {
        return root;
    }

    @Override
    public String toString() {
        return root.toString();
    }

    private static String[] split(String dottedKey) {
        if (dottedKey == null || dottedKey.isEmpty()) {
            throw new IllegalArgumentException("empty context key");
        }
        String[] parts = dottedKey.split("\\.", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("invalid context key: " + dottedKey);
            }
        }
        return parts;
    }

    /**
     * An override map: API Gateway documents that "an override may only be applied to each parameter once. If you try
     * to override the same parameter multiple times, API Gateway returns a 5XX response". A second put of a key fails
     * the render with 500.
     */
    private static final class OverrideMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        private final String name;

        OverrideMap(String name) {
            this.name = name;
        }

        @Override
        public Object put(String key, Object value) {
            if (containsKey(key)) {
                throw new MappingException(500, "Execution failed: $context." + name + "." + key
                        + " was overridden more than once (API Gateway allows each override once)");
            }
            return super.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            parent.put(key, created);
            return created;
        }
        if (existing instanceof Map<?, ?>) {
            return (Map<String, Object>) existing;
        }
        throw new IllegalArgumentException("context key '" + key + "' holds a value, not a map");
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k.toString(), v.toString());
                }
            });
        }
        return out;
    }
}
