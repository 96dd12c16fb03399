package io.github.atomiccounters.vtl.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.VtlSemantics;

/**
 * {@code $input}: one instance per render. The body is parsed at most once, lazily, on the first
 * {@code path}/{@code json} call; later calls (and mutations of the returned objects) share that document, so a
 * {@code #set}/{@code .put} on an object from {@code $input.path} shows in a later {@code $input.json('$')}
 * (reported AWS behaviour). Internal: public only for Velocity's introspection.
 */
public final class InputVariable {

    private final MappingInput input;
    private final VtlSemantics semantics;
    private Object document;
    private boolean parsed;
    private Map<String, Object> params;

    public InputVariable(MappingInput input, VtlSemantics semantics) {
        this.input = input;
        this.semantics = semantics;
    }

    /** {@code $input.body}: the raw payload; an empty (or absent) body is {@code {}}. */
    public String getBody() {
        String body = input.body();
        return body == null || body.isEmpty() ? "{}" : body;
    }

    /**
     * {@code $input.json(path)}: the match as compact JSON text (json-smart's, whatever the semantics' number types).
     * No match renders the two characters {@code ""} ({@link VtlSemantics.NoMatchJson#QUOTES}) or nothing.
     */
    public String json(String path) {
        Object match = Json.read(document(), path);
        if (match == Json.MISSING) {
            return semantics.noMatchJson() == VtlSemantics.NoMatchJson.QUOTES ? "\"\"" : "";
        }
        return Json.toJson(match);
    }

    /**
     * {@code $input.path(path)}: the match as an object (map, list, string, number, boolean), null when none. Numbers
     * have the semantics' types: under json-smart's the live object is returned (so a {@code #set} on it shows in a
     * later {@code $input.json('$')}); otherwise a converted copy.
     */
    public Object path(String path) {
        Object match = Json.read(document(), path);
        return match == Json.MISSING ? null : Json.withNumbers(match, semantics.numbers());
    }

    /** {@code $input.params()}: {@code {path={..}, querystring={..}, header={..}}}. */
    public Map<String, Object> params() {
        if (params == null) {
            Map<String, Object> p = new LinkedHashMap<>(4);
            p.put("path", input.path());
            p.put("querystring", input.querystring());
            p.put("header", anyCase() ? caseInsensitive(input.headers()) : input.headers());
            params = Collections.unmodifiableMap(p);
        }
        return params;
    }

    /**
     * {@code $input.params(name)}: path parameter, else query string parameter, else header; {@code ""} when none.
     * Header names are matched exactly first, then (under {@link VtlSemantics.HeaderNames#ANY_CASE}, the default,
     * unverified on AWS) case-insensitively, since HTTP header names are case-insensitive; path and query string
     * names are case-sensitive.
     */
    public String params(String name) {
        if (name == null) {
            return "";
        }
        String v = input.path().get(name);
        if (v != null) {
            return v;
        }
        v = input.querystring().get(name);
        if (v != null) {
            return v;
        }
        Map<String, String> headers = input.headers();
        v = headers.get(name);
        if (v != null || !anyCase()) {
            return v == null ? "" : v;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                return e.getValue();
            }
        }
        return "";
    }

    private boolean anyCase() {
        return semantics.headerNames() == VtlSemantics.HeaderNames.ANY_CASE;
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> view = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(view::putIfAbsent);
        return Collections.unmodifiableMap(view);
    }

    @Override
    public String toString() {
        // What "$input" alone renders; AWS shows an opaque object string, nothing useful to match.
        return "$input";
    }

    private Object document() {
        if (!parsed) {
            document = Json.parse(getBody());
            parsed = true;
        }
        return document;
    }
}
