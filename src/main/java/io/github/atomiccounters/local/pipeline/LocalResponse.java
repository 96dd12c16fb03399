package io.github.atomiccounters.local.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the client gets: status, headers and body text. */
public record LocalResponse(int status, Map<String, String> headers, String body) {
    public LocalResponse {
        headers = new LinkedHashMap<>(headers);
        body = body == null ? "" : body;
    }
}
