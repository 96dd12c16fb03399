package io.github.atomiccounters.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a JSON Schema draft-4 document (an API Gateway model) into an OpenAPI 3.0 Schema Object.
 *
 * <ul>
 *   <li>{@code $schema}, {@code id}, {@code definitions} and keywords OpenAPI 3.0 does not know
 *       ({@code dependencies}, {@code patternProperties}, {@code additionalItems}, ...) are dropped;
 *       {@code x-} extensions are kept.</li>
 *   <li>{@code type} lists: {@code "null"} becomes {@code nullable: true}; several other types become a
 *       {@code oneOf} of single-type schemas.</li>
 *   <li>local {@code $ref}s ({@code #/definitions/X}) are inlined (a recursive one becomes {@code {}}); other
 *       {@code $ref}s become {@code {}} with a description naming them.</li>
 *   <li>tuple {@code items} become {@code anyOf}; {@code type: array} always gets {@code items}; empty
 *       {@code required} / {@code enum} lists are dropped; numeric (draft-6 style) exclusive bounds become
 *       draft-4 booleans.</li>
 * </ul>
 * Key order follows the source; the input is not modified.
 */
public final class SchemaConverter {

    /** Schema Object fields of OpenAPI 3.0 that mean the same in JSON Schema draft 4 and are copied as is. */
    private static final Set<String> PLAIN = Set.of("title", "description", "multipleOf", "maximum", "minimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties",
            "minProperties", "format", "default", "example", "nullable", "readOnly", "writeOnly", "deprecated");
    private static final Set<String> OAS_TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");

    private SchemaConverter() {
    }

    /** The OpenAPI 3.0 form of a draft-4 schema (a Map); anything else gives an empty schema {@code {}}. */
    public static Map<String, Object> convert(Object draft4) {
        Map<String, Object> root = draft4 instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
        return convert(root, root, new LinkedHashSet<>());
    }

    private static Map<String, Object> convert(Object node, Map<String, Object> root, Set<String> refsInProgress) {
        if (!(node instanceof Map<?, ?> raw)) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> in = stringKeys(raw);
        Object ref = in.get("$ref");
        if (ref instanceof String r) {
            return resolveRef(r, root, refsInProgress);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (PLAIN.contains(key) || key.startsWith("x-")) {
                out.put(key, value);
                continue;
            }
            switch (key) {
                case "type" -> putType(out, value);
                case "enum" -> {
                    if (value instanceof List<?> l && !l.isEmpty()) {
                        out.put(key, value);
                    }
                }
                case "required" -> {
                    if (value instanceof List<?> l && !l.isEmpty()) {
                        out.put(key, value);
                    }
                }
                case "exclusiveMaximum", "exclusiveMinimum" -> putExclusive(out, in, key, value);
                case "properties" -> {
                    if (value instanceof Map<?, ?> props) {
                        Map<String, Object> converted = new LinkedHashMap<>();
                        stringKeys(props).forEach((k, v) -> converted.put(k, convert(v, root, refsInProgress)));
                        out.put(key, converted);
                    }
                }
                case "additionalProperties" -> {
                    if (value instanceof Boolean) {
                        out.put(key, value);
                    } else if (value instanceof Map<?, ?>) {
                        out.put(key, convert(value, root, refsInProgress));
                    }
                }
                case "items" -> {
                    if (value instanceof Map<?, ?>) {
                        out.put(key, convert(value, root, refsInProgress));
                    } else if (value instanceof List<?> tuple) {
                        out.put(key, tuple.size() == 1 ? convert(tuple.get(0), root, refsInProgress)
                                : tuple.isEmpty() ? new LinkedHashMap<>()
                                : Map.of("anyOf", convertAll(tuple, root, refsInProgress)));
                    }
                }
                case "allOf", "anyOf", "oneOf" -> {
                    if (value instanceof List<?> l && !l.isEmpty()) {
                        out.put(key, convertAll(l, root, refsInProgress));
                    }
                }
                case "not" -> {
                    if (value instanceof Map<?, ?>) {
                        out.put(key, convert(value, root, refsInProgress));
                    }
                }
                default -> {
                    // $schema, id, definitions and keywords OpenAPI 3.0 has no equivalent for
                }
            }
        }
        if ("array".equals(out.get("type")) && !out.containsKey("items")) {
            out.put("items", new LinkedHashMap<>());
        }
        return out;
    }

    private static List<Object> convertAll(List<?> schemas, Map<String, Object> root, Set<String> refsInProgress) {
        List<Object> out = new ArrayList<>();
        for (Object s : schemas) {
            out.add(convert(s, root, refsInProgress));
        }
        return out;
    }

    private static void putType(Map<String, Object> out, Object value) {
        if (value instanceof String t) {
            if (t.equals("null")) {
                out.put("nullable", true);
            } else if (OAS_TYPES.contains(t)) {
                out.put("type", t);
            }
            return;
        }
        if (!(value instanceof List<?> types)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (Object t : types) {
            if ("null".equals(t)) {
                out.put("nullable", true);
            } else if (t instanceof String s && OAS_TYPES.contains(s) && !kept.contains(s)) {
                kept.add(s);
            }
        }
        if (kept.size() == 1) {
            out.put("type", kept.get(0));
        } else if (kept.size() > 1) {
            List<Object> alternatives = new ArrayList<>();
            for (String t : kept) {
                Map<String, Object> alt = new LinkedHashMap<>();
                alt.put("type", t);
                if (t.equals("array")) {
                    alt.put("items", new LinkedHashMap<>());
                }
                alternatives.add(alt);
            }
            out.put("oneOf", alternatives);
        }
    }

    /** Draft 4 spells exclusive bounds as booleans next to minimum/maximum; later drafts as numbers. */
    private static void putExclusive(Map<String, Object> out, Map<String, Object> in, String key, Object value) {
        if (value instanceof Boolean) {
            out.put(key, value);
        } else if (value instanceof Number n) {
            String bound = key.equals("exclusiveMaximum") ? "maximum" : "minimum";
            if (!in.containsKey(bound)) {
                out.put(bound, n);
                out.put(key, true);
            }
        }
    }

    private static Map<String, Object> resolveRef(String ref, Map<String, Object> root, Set<String> refsInProgress) {
        String prefix = "#/definitions/";
        if (ref.startsWith(prefix) && root.get("definitions") instanceof Map<?, ?> defs) {
            Object target = stringKeys(defs).get(ref.substring(prefix.length()));
            if (target != null && refsInProgress.add(ref)) {
                try {
                    return convert(target, root, refsInProgress);
                } finally {
                    refsInProgress.remove(ref);
                }
            }
            if (target != null) {
                Map<String, Object> recursive = new LinkedHashMap<>();
                recursive.put("description", "Recursive reference to " + ref + " (not expanded)");
                return recursive;
            }
        }
        Map<String, Object> unresolved = new LinkedHashMap<>();
        unresolved.put("description", "Schema referenced as " + ref + " (not expanded)");
        return unresolved;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
