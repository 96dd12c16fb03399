package io.github.atomiccounters.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.ContentStreamProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client of the local API that signs requests with SigV4 as an AWS SDK caller would, dated by a clock:
 * the system clock, or the runtime's own {@code MutableClock} so that a signature is as fresh (or as old) as the
 * runtime believes.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** A response: status, headers, body, and the body parsed as JSON (null when it is not JSON). */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final URI base;
    private final String accessKey;
    private final String secretKey;
    private final Clock clock;
    private final boolean signs;

    /** A client of a shared runtime: signs on the clock the shared runtimes run on ({@link Runtimes#clock()}). */
    ApiClient(LocalRuntime runtime) {
        this(runtime, Runtimes.clock());
    }

    /** An unsigned client of any base URL (e.g. a serve process started with --no-auth). */
    ApiClient(URI base) {
        this(base, LocalRuntime.DEFAULT_ACCESS_KEY, LocalRuntime.DEFAULT_SECRET_KEY, Runtimes.clock(), false);
    }

    /** Signs with {@code clock}: pass the runtime's clock when it is not the system clock. */
    ApiClient(LocalRuntime runtime, Clock clock) {
        this(runtime.baseUrl(), LocalRuntime.DEFAULT_ACCESS_KEY, LocalRuntime.DEFAULT_SECRET_KEY, clock, true);
    }

    private ApiClient(URI base, String accessKey, String secretKey, Clock clock, boolean signs) {
        this.base = base;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
        this.signs = signs;
    }

    ApiClient withCredentials(String newAccessKey, String newSecretKey) {
        return new ApiClient(base, newAccessKey, newSecretKey, clock, signs);
    }

    /** The same client, signing at the time of {@code signingClock} (e.g. a fixed instant in the past). */
    ApiClient signingAt(Clock signingClock) {
        return new ApiClient(base, accessKey, secretKey, signingClock, signs);
    }

    /** The same client without SigV4 (for auth none, API keys, Cognito tokens, or to be refused). */
    ApiClient unsigned() {
        return new ApiClient(base, accessKey, secretKey, clock, false);
    }

    /** A request (signed unless {@link #unsigned()}); {@code path} is appended to the stage URL as given. */
    Response send(String method, String path, String body) {
        return send(method, path, body, Map.of(), signs);
    }

    Response send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, signs);
    }

    Response send(String method, String path, String body, Map<String, String> headers, boolean sign) {
        URI uri = URI.create(base + path);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (sign) {
            sign(method, uri, bytes, headers).forEach(request::header);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> sign(String method, URI uri, byte[] body, Map<String, String> headers) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (body.length > 0 && !headers.containsKey("Content-Type")) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(accessKey, secretKey))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, LocalRuntime.DEFAULT_REGION));
        SdkHttpRequest signedRequest = signed.request();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        signedRequest.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Type") && !headers.containsKey(k)) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }
}
