package io.github.atomiccounters.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One HTTP exchange: builds the request, authenticates it (a fresh signature per attempt) and sends it. */
final class Transport {
    private final String baseUrl;
    private final Auth auth;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Map<String, String> defaultHeaders;
    private final AtomicLong sent = new AtomicLong();

    Transport(URI baseUrl, Auth auth, Duration connectTimeout, Duration requestTimeout, Clock clock,
              Map<String, String> defaultHeaders) {
        this.baseUrl = baseUrl.toString();
        this.auth = auth;
        // HTTP/1.1: API Gateway answers it everywhere, and plain-text HTTP/2 upgrades confuse local servers
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
    }

    /**
     * Sends one request.
     *
     * @param path    below the stage URL, already encoded
     * @param body    the body bytes, empty for none
     * @param headers headers of this request; they win over the client's default headers
     */
    RawResponse send(String method, String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + path);
        Map<String, String> all = new LinkedHashMap<>(defaultHeaders);
        headers.forEach((name, value) -> {
            all.keySet().removeIf(name::equalsIgnoreCase);
            all.put(name, value);
        });
        all.putAll(auth.headers(method, uri, all, body, clock));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        all.forEach(request::header);
        sent.incrementAndGet();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new RawResponse(response.statusCode(), response.headers().map(), response.body());
    }

    /** Requests sent so far, every attempt counted. */
    long requestsSent() {
        return sent.get();
    }
}
