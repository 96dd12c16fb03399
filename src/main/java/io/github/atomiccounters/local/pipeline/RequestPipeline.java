package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.local.DynamoDbRawResponse;
import io.github.atomiccounters.local.StageThrottle;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.local.pipeline.Router.RouteMatch;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request through API Gateway's stages, in its order: route, auth, throttling, validation, request
 * mapping, integration, integration-response selection, response mapping; API Gateway's own errors become
 * gateway responses. Thread-safe: all state is per request or immutable.
 */
public final class RequestPipeline {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;  // API Gateway's payload limit

    private final ApiModel model;
    private final Router router;
    private final Authorizer authorizer;
    private final StageThrottle throttle;
    private final RequestValidation validation = new RequestValidation();
    private final RequestMapping requestMapping = new RequestMapping();
    private final IntegrationCall integrationCall;
    private final IntegrationResponseSelection selection = new IntegrationResponseSelection();
    private final ResponseMapping responseMapping = new ResponseMapping();
    private final GatewayResponses gatewayResponses;
    private final Clock clock;
    private final ExchangeRecorder recorder;
    /** The last second {@link #requestTime} formatted: racy by design, each value is complete and immutable. */
    private volatile FormattedSecond lastRequestTime;

    public RequestPipeline(CompiledApi api, Authorizer authorizer, StageThrottle throttle,
                           IntegrationCall integrationCall, Clock clock) {
        this(api, authorizer, throttle, integrationCall, clock, null);
    }

    /** As above, recording every exchange that reaches a mapping template when {@code recorder} is not null. */
    public RequestPipeline(CompiledApi api, Authorizer authorizer, StageThrottle throttle,
                           IntegrationCall integrationCall, Clock clock, ExchangeRecorder recorder) {
        this.model = api.model();
        this.router = new Router(api);
        this.authorizer = authorizer;
        this.throttle = throttle;
        this.integrationCall = integrationCall;
        this.gatewayResponses = new GatewayResponses(api);
        this.clock = clock;
        this.recorder = recorder;
    }

    public LocalResponse handle(LocalRequest request) {
        Map<String, String> query = parseQuery(request.rawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, v.size() == 1 ? v.get(0) : String.join(",", v)));
        MappingContext context = baseContext(request);
        String bodyText = request.bodyText();
        MappingInput input = new MappingInput(bodyText, Map.of(), query, headers,
                model.api().stageVariables(), context);
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                throw new GatewayError(GatewayErrorType.REQUEST_TOO_LARGE, null);
            }
            RouteMatch route = router.route(request.method(), request.rawPath());
            context.put("resourcePath", route.method().resource().path());
            context.put("resourceId", Integer.toHexString(route.method().resource().path().hashCode()));
            input = new MappingInput(bodyText, route.pathParameters(), query, headers,
                    model.api().stageVariables(), context);

            Authorizer.Caller caller = authorizer.authorize(route.method().method(), request);
            context.put("identity.accessKey", caller.accessKey());
            context.put("identity.userArn", caller.userArn());
            context.put("identity.caller", caller.accessKey());
            context.put("identity.user", caller.accessKey());
            context.put("identity.apiKey", caller.apiKey());
            caller.claims().forEach((k, v) -> context.put("authorizer.claims." + k, v));

            StageThrottle.Decision decision = throttle.tryAcquire(
                    route.method().method().apiKeyRequired() ? caller.apiKey() : null);
            if (decision == StageThrottle.Decision.THROTTLED) {
                throw new GatewayError(GatewayErrorType.THROTTLED, "Too Many Requests");
            }
            if (decision == StageThrottle.Decision.QUOTA_EXCEEDED) {
                throw new GatewayError(GatewayErrorType.QUOTA_EXCEEDED, "Limit Exceeded");
            }

            String contentType = contentType(request);
            validation.validate(route.method(), request, route.pathParameters(), query, contentType);
            if (route.method().method().integration() == null) {
                throw new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR, "Internal server error");
            }
            Map<String, Object> contextBefore = recorder == null ? null : ExchangeRecorder.snapshot(context.asMap());
            String routeKey = request.method() + " " + route.method().resource().path();
            String integrationBody;
            try {
                integrationBody = requestMapping.map(route.method(), contentType, input);
            } catch (GatewayError refused) {
                if (recorder != null && route.method().requestTemplates().containsKey(contentType)) {
                    recorder.record(new ExchangeRecorder.Exchange(routeKey, request.bodyText(), input.path(), query,
                            headers, input.stageVariables(), contextBefore, null, null,
                            refused.type().status(), null, null, null, null, null));
                }
                throw refused;
            }
            DynamoDbRawResponse integrationResponse = integrationCall.call(route.method().method().integration(),
                    integrationBody, context.requestOverrideHeaders());
            CompiledIntegrationResponse selected = selection.select(route.method(), integrationResponse.status());
            LocalResponse response = responseMapping.map(selected, input, integrationResponse.body(), Map.of(),
                    request);
            if (recorder != null) {
                recorder.record(new ExchangeRecorder.Exchange(routeKey, request.bodyText(), input.path(), query,
                        headers, input.stageVariables(), contextBefore, integrationBody,
                        context.requestOverrideHeaders(), null, integrationResponse.status(),
                        integrationResponse.body(), response.status(), response.headers(), response.body()));
            }
            return response;
        } catch (GatewayError error) {
            return gatewayResponses.render(error, input, request);
        } catch (RuntimeException unexpected) {
            // a bug or an unreachable DynamoDB: answer like API Gateway, never with a stack trace
            return gatewayResponses.render(new GatewayError(GatewayErrorType.API_CONFIGURATION_ERROR,
                    "Internal server error"), input, request);
        }
    }

    private MappingContext baseContext(LocalRequest request) {
        long now = clock.millis();
        return requestContext(requestId(), model.api().stageName(), request.method(), request.rawPath(),
                request.header("Host"), now, requestTime(now), request.sourceIp(), request.header("User-Agent"));
    }

    /**
     * The {@code $context} a request's templates start from, before its route adds {@code resourcePath} and its
     * authorizer {@code identity}/{@code authorizer} fields ({@code bench} renders the floor's UpdateItem with it).
     *
     * @param host the Host header, or null ({@code domainName} is then {@code localhost})
     */
    public static MappingContext requestContext(String requestId, String stage, String httpMethod, String path,
                                                String host, long epochMillis, String requestTime, String sourceIp,
                                                String userAgent) {
        MappingContext context = MappingContext.create();
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("stage", stage);
        context.put("httpMethod", httpMethod);
        context.put("path", path);
        context.put("protocol", "HTTP/1.1");
        context.put("domainName", host == null ? "localhost" : host);
        context.put("domainPrefix", "local");
        context.put("requestTimeEpoch", epochMillis);
        context.put("requestTime", requestTime);
        context.put("identity.sourceIp", sourceIp);
        context.put("identity.userAgent", userAgent);
        return context;
    }

    /**
     * A random (version 4) UUID, as API Gateway's request ids are. From a per-thread generator: the JDK's
     * {@code UUID.randomUUID()} draws from one shared SecureRandom, a lock and a read of /dev/urandom per request,
     * and nothing here needs a cryptographic id.
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;                     // version 4
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;  // IETF variant
        return new UUID(msb, lsb).toString();
    }

    /** {@code $context.requestTime}, formatted once per second of the clock rather than once per request. */
    String requestTime(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        FormattedSecond cached = lastRequestTime;
        if (cached == null || cached.epochSecond() != second) {
            cached = new FormattedSecond(second, REQUEST_TIME.format(java.time.Instant.ofEpochSecond(second)));
            lastRequestTime = cached;
        }
        return cached.text();
    }

    private record FormattedSecond(long epochSecond, String text) {
    }

    /** The media type that picks templates and models; API Gateway assumes JSON when none is sent. */
    private static String contentType(LocalRequest request) {
        String header = request.header("Content-Type");
        if (header == null || header.isBlank()) {
            return "application/json";
        }
        return header.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;  // a stray '%' stays as sent, as it would reach a template on AWS
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(decode(key), decode(value));
        }
        return query;
    }
}
