package io.github.atomiccounters.docs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An expected JSON document against an actual one, as trees: key order is free, numbers are compared by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are equal; a number never equals a string), the string {@code "*"} in
 * the expected document matches any value at that place (the key must still be there), and a key missing from
 * either side is a difference. Every difference is reported, each with its path ({@code $.window.start}).
 */
final class JsonMatch {
    /** The wildcard: any value at this place. */
    static final String ANY = "*";

    /** Strict: trailing text after the document and duplicate keys are errors; decimals stay exact. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonMatch() {
    }

    /** Parses one JSON document; throws with Jackson's message (first line) when it is not exactly one. */
    static JsonNode parse(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    /** Whether a text is one JSON document. */
    static JsonNode tryParse(String text) {
        try {
            JsonNode node = parse(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Every difference between {@code expected} and {@code actual}; empty when they match. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isTextual() && ANY.equals(expected.textValue())) {
            return;
        }
        if (expected.isNumber()) {
            if (!actual.isNumber()) {
                out.add(path + ": expected " + expected + ", got " + actual);
            } else if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + ", got " + actual);
            }
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(path + ": expected an object " + expected + ", got " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = child(path, e.getKey());
                JsonNode value = actual.get(e.getKey());
                if (value == null) {
                    out.add(child + ": missing (expected " + e.getValue() + ")");
                } else {
                    compare(child, e.getValue(), value, out);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!expected.has(e.getKey())) {
                    out.add(child(path, e.getKey()) + ": unexpected key (its value: " + e.getValue() + ")");
                }
            }
            return;
        }
        if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(path + ": expected an array " + expected + ", got " + actual);
                return;
            }
            if (expected.size() != actual.size()) {
                out.add(path + ": expected " + expected.size() + " elements, got " + actual.size() + " (" + actual
                        + ")");
            }
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
            return;
        }
        if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    private static String child(String path, String key) {
        return SIMPLE_KEY.matcher(key).matches() ? path + "." + key
                : path + "[" + JSON.getNodeFactory().textNode(key) + "]";
    }
}
