package io.github.atomiccounters.vtl.internal;

import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;

import io.github.atomiccounters.vtl.MappingException;
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
