package io.github.atomiccounters.local.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiMethod;
import io.github.atomiccounters.local.SigV4Verifier;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stage 2: authentication as the method declares it. AWS_IAM methods need a SigV4 signature made with one of
 * the local credentials; API-key methods need a known {@code x-api-key}; Cognito methods need a bearer token
 * (locally its claims are read, not its signature: there is no user pool here). Disabled with --no-auth.
 * IAM policies are not evaluated, with one exception that stands for them: a read-only access key (the README's
 * read-only statement, GET routes only) is denied every other method with ACCESS_DENIED, as IAM would deny it.
 */
public final class Authorizer {

    /** Who called, for {@code $context.identity} and {@code $context.authorizer}. */
    public record Caller(String accessKey, String userArn, String apiKey, Map<String, String> claims) {
        static final Caller ANONYMOUS = new Caller(null, null, null, Map.of());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean enabled;
    private final SigV4Verifier verifier;
    private final Set<String> apiKeys;
    private final Clock clock;
    private final Set<String> readOnlyAccessKeys;

    public Authorizer(boolean enabled, SigV4Verifier verifier, Set<String> apiKeys, Clock clock) {
        this(enabled, verifier, apiKeys, clock, Set.of());
    }

    /** As above; callers signing with one of {@code readOnlyAccessKeys} may invoke GET routes only. */
    public Authorizer(boolean enabled, SigV4Verifier verifier, Set<String> apiKeys, Clock clock,
                      Set<String> readOnlyAccessKeys) {
        this.enabled = enabled;
        this.verifier = verifier;
        this.apiKeys = Set.copyOf(apiKeys);
        this.clock = clock;
        this.readOnlyAccessKeys = Set.copyOf(readOnlyAccessKeys);
    }

    public Caller authorize(ApiMethod method, LocalRequest request) {
        String apiKey = request.header("x-api-key");
        if (!enabled) {
            return new Caller(null, null, apiKey, Map.of());
        }
        Caller caller = switch (method.authorizationType() == null ? "NONE" : method.authorizationType()) {
            case "AWS_IAM" -> iam(request, apiKey);
            case "COGNITO_USER_POOLS" -> cognito(request, apiKey);
            case "NONE" -> new Caller(null, null, apiKey, Map.of());
            default -> throw new GatewayError(GatewayErrorType.AUTHORIZER_FAILURE,
                    "authorization type " + method.authorizationType() + " is not supported locally");
        };
        if (method.apiKeyRequired() && (apiKey == null || !apiKeys.contains(apiKey))) {
            throw new GatewayError(GatewayErrorType.INVALID_API_KEY, "Forbidden");
        }
        return caller;
    }

    private Caller iam(LocalRequest request, String apiKey) {
        SigV4Verifier.Verification v = verifier.verify(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), request.body(), clock.instant());
        if (!v.ok()) {
            GatewayErrorType type = switch (v.outcome()) {
                case EXPIRED -> GatewayErrorType.EXPIRED_TOKEN;
                case MISSING_AUTHENTICATION_TOKEN -> GatewayErrorType.MISSING_AUTHENTICATION_TOKEN;
                case INCOMPLETE_SIGNATURE -> GatewayErrorType.INCOMPLETE_SIGNATURE;
                case UNRECOGNIZED_CLIENT -> GatewayErrorType.UNRECOGNIZED_CLIENT;
                default -> GatewayErrorType.INVALID_SIGNATURE;
            };
            throw new GatewayError(type, v.message());
        }
        if (readOnlyAccessKeys.contains(v.accessKeyId()) && !"GET".equals(request.method())) {
            // API Gateway's words when the caller's IAM policy does not allow execute-api:Invoke on the route
            throw new GatewayError(GatewayErrorType.ACCESS_DENIED, "User: " + v.userArn()
                    + " is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:"
                    + "us-east-1:" + v.accountId() + ":local/*/" + request.method() + request.rawPath()
                    .replaceFirst("^/[^/]+", ""));
        }
        return new Caller(v.accessKeyId(), v.userArn(), apiKey, Map.of());
    }

    private static Caller cognito(LocalRequest request, String apiKey) {
        String token = request.header("Authorization");
        if (token == null || token.isBlank()) {
            throw new GatewayError(GatewayErrorType.UNAUTHORIZED, "Unauthorized");
        }
        token = token.startsWith("Bearer ") ? token.substring(7) : token;
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new GatewayError(GatewayErrorType.UNAUTHORIZED, "Unauthorized");
        }
        try {
            Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]),
                    new TypeReference<Map<String, Object>>() { });
            Map<String, String> strings = new LinkedHashMap<>();
            claims.forEach((k, v) -> strings.put(k, String.valueOf(v)));  // API Gateway passes claims as strings
            return new Caller(null, null, apiKey, strings);
        } catch (Exception e) {
            throw new GatewayError(GatewayErrorType.UNAUTHORIZED, "Unauthorized");
        }
    }
}
