package io.github.atomiccounters.local.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the local server received it. Header names are case-insensitive; {@code rawPath} is the
 * path as sent (still URL-encoded, stage included), {@code rawQuery} the query string or null.
 */
public record LocalRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                           byte[] body, String sourceIp) {

    public LocalRequest {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> caseInsensitive.put(k, List.copyOf(v)));
        headers = caseInsensitive;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
