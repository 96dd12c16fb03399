package io.github.atomiccounters.vtl;

import java.util.Map;

/**
 * Everything a mapping template can see about one request (or one integration response).
 *
 * <p>{@code null} maps are treated as empty, a {@code null} body as empty (which {@code $input.body} shows as
 * {@code {}}), and a {@code null} context as a fresh {@link MappingContext#create()}.
 */
public record MappingInput(String body, Map<String, String> path, Map<String, String> querystring,
                           Map<String, String> headers, Map<String, String> stageVariables, MappingContext context) {

    public MappingInput {
        path = path == null ? Map.of() : path;
        querystring = querystring == null ? Map.of() : querystring;
        headers = headers == null ? Map.of() : headers;
        stageVariables = stageVariables == null ? Map.of() : stageVariables;
        context = context == null ? MappingContext.create() : context;
    }

    /** An input with only a body (no parameters, no stage variables, a fresh context). */
    public static MappingInput ofBody(String body) {
        return new MappingInput(body, Map.of(), Map.of(), Map.of(), Map.of(), MappingContext.create());
    }

    /** The same parameters and context with another body: what a response template sees after the request one. */
    public MappingInput withBody(String newBody) {
        return new MappingInput(newBody, path, querystring, headers, stageVariables, context);
    }
}
