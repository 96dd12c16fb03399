package io.github.atomiccounters.client;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How requests prove who sends them, matching the deployment's {@code auth} mode: {@link #iam()} (SigV4, the
 * default), {@link #apiKey(String)}, {@link #cognito(Supplier)} or {@link #none()}.
 */
public abstract class Auth {
    /** The service name API Gateway expects in SigV4 signatures. */
    public static final String SIGNING_SERVICE = "execute-api";

    private Auth() {
    }

    /**
     * SigV4 with the AWS SDK's default credentials chain (environment, profile, container, instance role...),
     * resolved before every request (the chain caches and refreshes), for the region of an
     * {@code *.execute-api.<region>.amazonaws.com} endpoint, else {@code us-east-1}. The default of
     * {@link CounterClient.Builder#auth(Auth)}.
     *
     * @return IAM auth with default credentials
     */
    public static Auth iam() {
        return new Iam(null, null);
    }

    /**
     * SigV4 with these credentials; the region is taken from the endpoint (see
     * {@link #iam(AwsCredentialsProvider, String)}).
     *
     * @param credentials resolved before every request (providers cache and refresh)
     * @return IAM auth with these credentials
     */
    public static Auth iam(AwsCredentialsProvider credentials) {
        return new Iam(Objects.requireNonNull(credentials, "credentials"), null);
    }

    /**
     * SigV4 with these credentials for this region.
     *
     * @param credentials resolved before every request (providers cache and refresh)
     * @param region      the API's region, e.g. {@code eu-west-1}; null = taken from an
     *                    {@code *.execute-api.<region>.amazonaws.com} endpoint, else {@code us-east-1} (the region
     *                    of the local {@code serve})
     * @return IAM auth with these credentials, for this region
     */
    public static Auth iam(AwsCredentialsProvider credentials, String region) {
        return new Iam(Objects.requireNonNull(credentials, "credentials"), region);
    }

    /**
     * An API key, sent as {@code x-api-key} (deployments with {@code auth=api-key}).
     *
     * @param apiKey the key's value (never printed by {@code toString})
     * @return API key auth
     */
    public static Auth apiKey(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        return new Headers("api-key", () -> Map.of("x-api-key", apiKey));
    }

    /**
     * A Cognito ID token, sent as the {@code Authorization} header (deployments with {@code auth=cognito}). The
     * token expires (after an hour by default): use {@link #cognito(Supplier)} for a long-lived client.
     *
     * @param idToken the user's ID token (a JWT), sent as is
     * @return Cognito auth with a fixed token
     */
    public static Auth cognito(String idToken) {
        Objects.requireNonNull(idToken, "idToken");
        return cognito(() -> idToken);
    }

    /**
     * A Cognito ID token asked for before every request (every attempt), so that a refreshed token is used as
     * soon as it exists.
     *
     * @param idToken supplies the current ID token; called from the threads that make calls
     * @return Cognito auth with a refreshing token
     */
    public static Auth cognito(Supplier<String> idToken) {
        Objects.requireNonNull(idToken, "idToken");
        return new Headers("cognito", () -> Map.of("Authorization", idToken.get()));
    }

    /**
     * No credentials at all (deployments with {@code auth=none}, or {@code serve --no-auth}).
     *
     * @return auth that adds no headers
     */
    public static Auth none() {
        return new Headers("none", Map::of);
    }

    /**
     * The headers that authenticate this request, given the headers it already has (which a signature covers).
     *
     * @param uri the full request URI, already encoded
     */
    abstract Map<String, String> headers(String method, URI uri, Map<String, String> headers, byte[] body,
                                         Clock clock);

    /** This auth with a default region filled in from the endpoint (IAM only; others ignore it). */
    Auth withEndpoint(URI endpoint) {
        return this;
    }

    /** Headers that do not depend on the request. */
    private static final class Headers extends Auth {
        private final String mode;
        private final Supplier<Map<String, String>> headers;

        Headers(String mode, Supplier<Map<String, String>> headers) {
            this.mode = mode;
            this.headers = headers;
        }

        @Override
        Map<String, String> headers(String method, URI uri, Map<String, String> existing, byte[] body, Clock clock) {
            return headers.get();
        }

        @Override
        public String toString() {
            return "Auth." + mode;  // never the key or token
        }
    }

    /** SigV4 for execute-api, as the AWS SDKs sign. */
    private static final class Iam extends Auth {
        private static final Pattern EXECUTE_API_HOST =
                Pattern.compile("[^.]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");
        private static final String DEFAULT_REGION = "us-east-1";
        private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

        private final AwsCredentialsProvider credentials;
        private final String region;

        Iam(AwsCredentialsProvider credentials, String region) {
            // the default chain is built lazily: a client that is never used never looks for credentials
            this.credentials = credentials;
            this.region = region;
        }

        @Override
        Auth withEndpoint(URI endpoint) {
            return new Iam(credentials == null ? DefaultCredentialsProvider.builder().build() : credentials,
                    region != null ? region : regionOf(endpoint).orElse(DEFAULT_REGION));
        }

        static Optional<String> regionOf(URI endpoint) {
            Matcher m = EXECUTE_API_HOST.matcher(endpoint.getHost() == null ? "" : endpoint.getHost());
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        Map<String, String> headers(String method, URI uri, Map<String, String> existing, byte[] body, Clock clock) {
            SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.fromValue(method)).uri(uri);
            existing.forEach(unsigned::putHeader);
            SignedRequest signed = SIGNER.sign(r -> r
                    .identity(credentials.resolveCredentials())
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock));
            Map<String, String> added = new LinkedHashMap<>();
            signed.request().headers().forEach((name, values) -> {
                // Host is set by the HTTP client from the URI (and may not be set by hand)
                boolean known = existing.keySet().stream().anyMatch(name::equalsIgnoreCase);
                if (!known && !name.equalsIgnoreCase("Host")) {
                    added.put(name, values.get(0));
                }
            });
            return added;
        }

        @Override
        public String toString() {
            return "Auth.iam(region " + (region == null ? "from the endpoint" : region) + ")";
        }
    }
}
