package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 1: finds the resource and method for a request path, as API Gateway does: the path starts with the
 * stage name, literal segments win over {param} segments, path parameters are URL-decoded. No match is API
 * Gateway's MISSING_AUTHENTICATION_TOKEN (403), for an unknown path and an unknown method alike.
 */
public final class Router {

    /** A matched route: the method and the decoded path parameters. */
    public record RouteMatch(CompiledMethod method, Map<String, String> pathParameters) {
    }

    private record Candidate(String[] segments, Map<String, CompiledMethod> byHttpMethod) {
    }

    private final String stagePrefix;
    private final List<Candidate> candidates = new ArrayList<>();

    public Router(CompiledApi api) {
        this.stagePrefix = "/" + api.model().api().stageName();
        Map<String, Map<String, CompiledMethod>> byPath = new LinkedHashMap<>();
        for (CompiledMethod m : api.methods()) {
            byPath.computeIfAbsent(m.resource().path(), p -> new LinkedHashMap<>())
                    .put(m.method().httpMethod().toUpperCase(), m);
        }
        byPath.forEach((path, methods) -> candidates.add(new Candidate(split(path), methods)));
        // literal segments first, so /counters/x/next never matches a {param} route by accident
        candidates.sort(Comparator.comparingInt((Candidate c) -> -literalCount(c.segments())));
    }

    public String stagePrefix() {
        return stagePrefix;
    }

    public RouteMatch route(String httpMethod, String rawPath) {
        if (!(rawPath.equals(stagePrefix) || rawPath.startsWith(stagePrefix + "/"))) {
            throw new GatewayError(GatewayErrorType.MISSING_AUTHENTICATION_TOKEN, null);
        }
        String[] segments = split(rawPath.substring(stagePrefix.length()));
        for (Candidate candidate : candidates) {
            Map<String, String> params = match(candidate.segments(), segments);
            if (params != null) {
                CompiledMethod method = candidate.byHttpMethod().get(httpMethod.toUpperCase());
                if (method == null) {
                    method = candidate.byHttpMethod().get("ANY");
                }
                if (method == null) {
                    continue;
                }
                return new RouteMatch(method, params);
            }
        }
        throw new GatewayError(GatewayErrorType.MISSING_AUTHENTICATION_TOKEN, null);
    }

    private static Map<String, String> match(String[] pattern, String[] actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) {  // greedy {proxy+}: the rest of the path
                if (i >= actual.length) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < actual.length; j++) {
                    rest.add(decode(actual[j]));
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", rest));
                return params;
            }
            if (i >= actual.length) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                String value = decode(actual[i]);
                if (value.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), value);
            } else if (!p.equals(actual[i])) {
                return null;
            }
        }
        return pattern.length == actual.length ? params : null;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static int literalCount(String[] segments) {
        int n = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike form decoding). */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;  // a stray '%' stays as it is
        }
    }
}
