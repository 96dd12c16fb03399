package io.github.atomiccounters.local;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request body validation as an API Gateway request validator does it: JSON Schema draft 4 (the only draft API
 * Gateway models support), an empty body validated as {@code {}}, and an error string shaped like
 * {@code $context.error.validationErrorString}.
 *
 * <p>API Gateway validates with the java-json-tools ("fge") validator; its messages read e.g.
 * {@code [numeric instance is lower than the required minimum (minimum: 1, found: 0)]} and
 * {@code [object has missing required properties (["name"])]}. This class validates with networknt (maintained,
 * fast) and re-words the common keywords the fge way; nested failures inside oneOf/anyOf/not are folded into
 * their combinator's single message, as fge reports them. The fge messages do not name the offending property;
 * {@link CompiledSchema#violations(String)} gives the JSON pointer of each for diagnostics and logs.
 *
 * <p>Numbers are parsed exactly (BigDecimal, BigInteger): {@code 1.0000000000000001} is not an integer and
 * {@code 1.0} is not an integer either (draft 4: an integer has no fraction part).
 */
public final class JsonSchemaValidation {

    /** Exact numbers; trailing garbage after the JSON value is malformed, not ignored. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .build();
    private static final Set<String> FOLDING_COMBINATORS = Set.of("oneOf", "anyOf", "not");
    private static final Set<String> NAMED_CHILDREN = Set.of("properties", "patternProperties", "definitions",
            "dependencies");

    private JsonSchemaValidation() {
    }

    /** One failed constraint: where in the body, which keyword, and the API Gateway-style message. */
    public record Violation(String pointer, String keyword, String message) {
        @Override
        public String toString() {
            return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
        }
    }

    /**
     * Compiles a model schema once, to validate many bodies (compiling is the expensive part).
     *
     * @param schema a {@code Map<String, Object>} (e.g. from the synthesized template), a {@link JsonNode}, or a
     *               JSON string
     */
    public static CompiledSchema compile(Object schema) {
        JsonNode node;
        try {
            node = schema instanceof JsonNode n ? n.deepCopy()
                    : schema instanceof String s ? MAPPER.readTree(s)
                    : MAPPER.valueToTree(schema);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the model schema is not valid JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode root)) {
            throw new IllegalArgumentException("a model schema must be a JSON object, got " + node);
        }
        // API Gateway applies draft 4 whatever $schema says; without it networknt uses the factory's draft (4).
        root.remove("$schema");
        try {
            return new CompiledSchema(root, FACTORY.getSchema(root, CONFIG));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model schema cannot be compiled: " + e.getMessage(), e);
        }
    }

    /** A compiled schema; thread-safe, share it between requests. */
    public static final class CompiledSchema {
        private final JsonNode root;
        private final JsonSchema schema;

        private CompiledSchema(JsonNode root, JsonSchema schema) {
            this.root = root;
            this.schema = schema;
            schema.initializeValidators(); // resolve everything now rather than on the first request
        }

        /**
         * Empty when the body is valid, else the {@code $context.error.validationErrorString}-style list,
         * e.g. {@code [numeric instance is lower than the required minimum (minimum: 1, found: 0)]}.
         */
        public Optional<String> validate(String body) {
            List<Violation> violations = violations(body);
            if (violations.isEmpty()) {
                return Optional.empty();
            }
            List<String> messages = new ArrayList<>(violations.size());
            for (Violation v : violations) {
                messages.add(v.message());
            }
            return Optional.of(messages.toString());
        }

        /** The failed constraints with their JSON pointers; empty when the body is valid. */
        public List<Violation> violations(String body) {
            JsonNode instance;
            try {
                instance = body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            } catch (JacksonException e) {
                return List.of(new Violation("", "json", "Invalid request body: " + describe(e)));
            }
            Set<ValidationMessage> raw = schema.validate(instance);
            return raw.isEmpty() ? List.of() : shape(raw);
        }

        private List<Violation> shape(Set<ValidationMessage> raw) {
            // Grouping keys keep first-seen order: the order networknt evaluated the schema in.
            Map<String, TreeSet<String>> missing = new LinkedHashMap<>();
            Map<String, TreeSet<String>> additional = new LinkedHashMap<>();
            Map<String, Violation> combinators = new LinkedHashMap<>();
            List<Object> ordered = new ArrayList<>(); // Violation, or a grouping key resolved at the end

            for (ValidationMessage m : raw) {
                String pointer = m.getInstanceLocation().toString();
                JsonNodePath schemaPath = m.getSchemaLocation().getFragment();
                int combinatorAt = outerCombinator(schemaPath);
                if (combinatorAt >= 0) {
                    // fold everything under oneOf/anyOf/not into one message per (combinator, instance)
                    String key = "c|" + prefix(schemaPath, combinatorAt + 1) + "|" + pointer;
                    if (!combinators.containsKey(key)) {
                        combinators.put(key, combinatorViolation(m, schemaPath, combinatorAt, pointer));
                        ordered.add(key);
                    }
                    continue;
                }
                switch (m.getType()) {
                    case "required" -> group(missing, "r|" + pointer, m.getProperty(), ordered);
                    case "additionalProperties" -> group(additional, "a|" + pointer, m.getProperty(), ordered);
                    default -> ordered.add(new Violation(pointer, m.getType(), reword(m, schemaPath)));
                }
            }
            List<Violation> out = new ArrayList<>();
            for (Object o : ordered) {
                if (o instanceof Violation v) {
                    out.add(v);
                } else {
                    String key = (String) o;
                    String pointer = key.substring(key.lastIndexOf('|') + 1);
                    if (key.startsWith("r|")) {
                        out.add(new Violation(pointer, "required",
                                "object has missing required properties (" + jsonList(missing.get(key)) + ")"));
                    } else if (key.startsWith("a|")) {
                        out.add(new Violation(pointer, "additionalProperties",
                                "object instance has properties which are not allowed by the schema: "
                                        + jsonList(additional.get(key))));
                    } else {
                        out.add(combinators.get(key));
                    }
                }
            }
            return out;
        }

        private static void group(Map<String, TreeSet<String>> groups, String key, String property,
                                  List<Object> ordered) {
            groups.computeIfAbsent(key, k -> {
                ordered.add(k);
                return new TreeSet<>();
            }).add(property == null ? "" : property);
        }

        private Violation combinatorViolation(ValidationMessage m, JsonNodePath schemaPath, int at, String pointer) {
            String keyword = String.valueOf(schemaPath.getElement(at));
            JsonNode branches = resolve(schemaPath, at + 1);
            int n = branches != null && branches.isArray() ? branches.size() : 0;
            String message = switch (keyword) {
                case "oneOf" -> {
                    // networknt's own oneOf message carries the number of valid branches; a child message means 0
                    Object[] args = m.getArguments();
                    String matched = keyword.equals(m.getType()) && args != null && args.length > 0
                            ? String.valueOf(args[0]) : "0";
                    yield "instance failed to match exactly one schema (matched " + matched + " out of " + n + ")";
                }
                case "anyOf" -> "instance failed to match at least one required schema among " + n;
                default -> "instance matched a schema which it should not have";
            };
            return new Violation(pointer, keyword, message);
        }

        /** The fge wording for the common keywords; networknt's own message for the rest. */
        private String reword(ValidationMessage m, JsonNodePath schemaPath) {
            JsonNode instance = m.getInstanceNode();
            JsonNode value = m.getSchemaNode();
            return switch (m.getType()) {
                case "type" -> "instance type (" + fgeType(instance) + ") does not match any allowed primitive type "
                        + "(allowed: " + jsonList(allowedTypes(value)) + ")";
                case "minimum" -> sibling(schemaPath, "exclusiveMinimum")
                        ? "numeric instance is not strictly greater than the required minimum " + value
                        : "numeric instance is lower than the required minimum (minimum: " + value + ", found: "
                        + instance + ")";
                case "maximum" -> sibling(schemaPath, "exclusiveMaximum")
                        ? "numeric instance is not strictly lower than the required maximum " + value
                        : "numeric instance is greater than the required maximum (maximum: " + value + ", found: "
                        + instance + ")";
                case "pattern" -> "ECMA 262 regex \"" + value.asText() + "\" does not match input string \""
                        + instance.asText() + "\"";
                case "minLength" -> "string \"" + instance.asText() + "\" is too short (length: "
                        + instance.asText().codePointCount(0, instance.asText().length()) + ", required minimum: "
                        + value + ")";
                case "maxLength" -> "string \"" + instance.asText() + "\" is too long (length: "
                        + instance.asText().codePointCount(0, instance.asText().length()) + ", maximum allowed: "
                        + value + ")";
                case "enum" -> "instance value (" + instance + ") not found in enum (possible values: " + value + ")";
                case "minItems" -> "array is too short: must have at least " + value + " elements but instance has "
                        + instance.size() + " elements";
                case "maxItems" -> "array is too long: must have at most " + value + " elements but instance has "
                        + instance.size() + " elements";
                case "uniqueItems" -> "array must not contain duplicate elements";
                case "multipleOf" -> "remainder of division is not zero (" + instance + " / " + value + ")";
                case "minProperties" -> "object has too few properties (found " + instance.size()
                        + " but schema requires at least " + value + ")";
                case "maxProperties" -> "object has too many properties (found " + instance.size()
                        + " but schema requires at most " + value + ")";
                default -> {
                    // networknt prefixes the instance location; the list entry should only be the message
                    String msg = m.getMessage();
                    String prefix = m.getInstanceLocation() + ": ";
                    yield msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
                }
            };
        }

        /** fge names: "integer" for integral numbers, "number" for the others. */
        private static String fgeType(JsonNode n) {
            return switch (n.getNodeType()) {
                case NUMBER -> n.isIntegralNumber() ? "integer" : "number";
                case BOOLEAN -> "boolean";
                case STRING -> "string";
                case ARRAY -> "array";
                case OBJECT -> "object";
                case NULL -> "null";
                default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }

        private static Set<String> allowedTypes(JsonNode typeValue) {
            Set<String> types = new TreeSet<>();
            if (typeValue != null && typeValue.isArray()) {
                typeValue.forEach(t -> types.add(t.asText()));
            } else if (typeValue != null) {
                types.add(typeValue.asText());
            }
            return types;
        }

        /** Is the sibling keyword (e.g. exclusiveMinimum next to minimum) set to true? */
        private boolean sibling(JsonNodePath keywordPath, String siblingName) {
            JsonNode parent = resolve(keywordPath, keywordPath.getNameCount() - 1);
            return parent != null && parent.path(siblingName).asBoolean(false);
        }

        /** The schema node at the first {@code count} elements of a fragment path; null if not in this document. */
        private JsonNode resolve(JsonNodePath path, int count) {
            JsonNode node = root.at(JsonPointer.compile(prefix(path, count)));
            return node.isMissingNode() ? null : node;
        }

        /** Index of the outermost oneOf/anyOf/not keyword in a schema path, or -1. */
        private static int outerCombinator(JsonNodePath path) {
            boolean nameNext = false; // the element after "properties" etc. is a property name, not a keyword
            for (int i = 0; i < path.getNameCount(); i++) {
                Object e = path.getElement(i);
                if (nameNext) {
                    nameNext = false;
                    continue;
                }
                if (e instanceof String s) {
                    if (FOLDING_COMBINATORS.contains(s)) {
                        return i;
                    }
                    nameNext = NAMED_CHILDREN.contains(s);
                }
            }
            return -1;
        }

        private static String prefix(JsonNodePath path, int count) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                sb.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
            }
            return sb.toString();
        }

        private static String jsonList(Set<String> values) {
            try {
                return MAPPER.writeValueAsString(values);
            } catch (JacksonException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String describe(JacksonException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return e.getOriginalMessage() + where;
        }
    }
}
