package io.github.atomiccounters.vtl.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.atomiccounters.vtl.MappingInput;

/**
 * {@code $input}: one instance per render. The body is parsed at most once, lazily, on the first
 * {@code path}/{@code json} call; later calls (and mutations of the returned objects) share that document, so a
 * {@code #set}/{@code .put} on an object from {@code $input.path} shows in a later {@code $input.json('$')}
 * (reported AWS behaviour). Internal: public only for Velocity's introspection.
 */
public final class InputVariable {

    private final MappingInput input;
    private Object document;
    private boolean parsed;
    private Map<String, Object> params;

    public InputVariable(MappingInput input) {
        this.input = input;
    }

    /** {@code $input.body}: the raw payload; an empty (or absent) body is {@code {}}. */
    public String getBody() {
        String body = input.body();
        return body == null || body.isEmpty() ? "{}" : body;
    }

    /** {@code $input.json(path)}: the match as compact JSON text, {@code ""} when nothing matches. */
    public String json(String path) {
        Object match = Json.read(document(), path);
        return match == Json.MISSING ? "" : Json.toJson(match);
    }

    /** {@code $input.path(path)}: the match as an object (map, list, string, number, boolean), null when none. */
    public Object path(String path) {
        Object match = Json.read(document(), path);
        return match == Json.MISSING ? null : match;
    }

    /** {@code $input.params()}: {@code {path={..}, querystring={..}, header={..}}}. */
    public Map<String, Object> params() {
        if (params == null) {
            Map<String, Object> p = new LinkedHashMap<>(4);
            p.put("path", input.path());
            p.put("querystring", input.querystring());
            p.put("header", input.headers());
            params = Collections.unmodifiableMap(p);
        }
        return params;
    }

    /**
     * {@code $input.params(name)}: path parameter, else query string parameter, else header; {@code ""} when none.
     * Decision (unverified on AWS): header names are matched exactly first, then case-insensitively, since HTTP header
     * names are case-insensitive; path and query string names are case-sensitive.
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
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                return e.getValue();
            }
        }
        return "";
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
