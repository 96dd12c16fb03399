package io.github.atomiccounters.vtl.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;

import io.github.atomiccounters.vtl.MappingException;
import io.github.atomiccounters.vtl.VtlSemantics;
import net.minidev.json.JSONArray;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONValue;

/**
 * JSON as API Gateway does it: Jayway JsonPath over json-smart with the library defaults (permissive parsing;
 * objects are insertion-ordered {@code LinkedHashMap}s that print Java-style, arrays are {@code JSONArray}s that print
 * as compact JSON; integers become Integer/Long/BigInteger, decimals Double, or BigDecimal for long literals).
 */
public final class Json {

    private static final Configuration CONF = Configuration.builder()
            .jsonProvider(new JsonSmartJsonProvider())
            .mappingProvider(new JsonSmartMappingProvider())
            .build();

    private static final int PATH_CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, JsonPath> PATHS = new ConcurrentHashMap<>();

    private Json() {
    }

    /**
     * Parses JSON text.
     *
     * @throws MappingException 400 with json-smart's {@code ParseException} message if the text is malformed
     */
    public static Object parse(String text) {
        try {
            return CONF.jsonProvider().parse(text);
        } catch (InvalidJsonException e) {
            throw new MappingException(400, parseMessage(e), e);
        }
    }

    /** Returned by {@link #read} when nothing matches (a JSON null match is {@code null}). */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    /** The match of {@code path} in a parsed document (the live object, not a copy), {@link #MISSING} if none. */
    public static Object read(Object document, String path) {
        if (path == null) {
            return MISSING;
        }
        JsonPath compiled = compile(path);
        try {
            return compiled.read(document, CONF);
        } catch (PathNotFoundException e) {
            return MISSING;
        }
    }

    /**
     * The value with its JSON numbers as {@code numbers} says: unchanged for {@link VtlSemantics.NumberTypes#JSON_SMART},
     * otherwise a converted copy (maps and lists are copied, so the parsed document itself is not changed).
     */
    public static Object withNumbers(Object value, VtlSemantics.NumberTypes numbers) {
        if (numbers == VtlSemantics.NumberTypes.JSON_SMART || value == null) {
            return value;
        }
        if (value instanceof Number n) {
            return numbers == VtlSemantics.NumberTypes.DOUBLE ? (Object) n.doubleValue() : new BigDecimal(n.toString());
        }
        if (value instanceof Map<?, ?> map) {
            JSONObject copy = new JSONObject();
            map.forEach((k, v) -> copy.put(String.valueOf(k), withNumbers(v, numbers)));
            return copy;
        }
        if (value instanceof List<?> list) {
            JSONArray copy = new JSONArray();
            list.forEach(v -> copy.add(withNumbers(v, numbers)));
            return copy;
        }
        return value;
    }

    /** Compact JSON text of a value ({@code "text"}, {@code 1}, {@code {"a":[1]}}, {@code null}). */
    public static String toJson(Object value) {
        return JSONValue.toJSONString(value);
    }

    private static JsonPath compile(String path) {
        JsonPath compiled = PATHS.get(path);
        if (compiled == null) {
            try {
                compiled = JsonPath.compile(path);
            } catch (InvalidPathException | IllegalArgumentException e) {
                // Unverified on AWS: an invalid JSONPath is a template (configuration) error -> 500.
                throw new MappingException(500, "Invalid JSONPath expression '" + path + "': " + e.getMessage(), e);
            }
            if (PATHS.size() >= PATH_CACHE_LIMIT) {
                PATHS.clear();
            }
            PATHS.put(path, compiled);
        }
        return compiled;
    }

    private static String parseMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof net.minidev.json.parser.ParseException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }
}
