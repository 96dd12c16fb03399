package io.github.atomiccounters.apimodel;

import java.util.List;
import java.util.Map;

/**
 * A resource path (root is "/"; greedy parts keep their "{proxy+}" spelling) with the path parameter names from
 * root to leaf ("proxy" for "{proxy+}") and its methods keyed by upper-case HTTP method (incl. ANY).
 */
public record ApiResource(String path, List<String> pathParameterNames, Map<String, ApiMethod> methods) {
    public ApiResource {
        pathParameterNames = Immutables.list(pathParameterNames);
        methods = Immutables.map(methods);
    }

    /** The method for an HTTP method, falling back to ANY; null if neither exists. */
    public ApiMethod methodFor(String httpMethod) {
        ApiMethod m = methods.get(httpMethod.toUpperCase(java.util.Locale.ROOT));
        return m != null ? m : methods.get("ANY");
    }
}
