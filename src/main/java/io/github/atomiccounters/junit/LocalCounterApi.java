package io.github.atomiccounters.junit;

import io.github.atomiccounters.apimodel.ApiMethod;
import io.github.atomiccounters.apimodel.ApiResource;
import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.client.Auth;
import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.TableEraser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The counter API a {@link LocalCounterApiExtension} started for a test class: where it listens, how to
 * authenticate, a ready {@link CounterClient}, and the DynamoDB Local behind it. Tests receive it as a parameter
 * ({@code void test(LocalCounterApi api)}) or from {@link LocalCounterApiExtension#api()}.
 *
 * <p>The credentials are local ones, accepted by this API only (never by AWS). Which of them a request needs
 * follows {@link #authMode()}, read from the template's methods as API Gateway would apply them; {@link #auth()}
 * picks the right one.
 */
public final class LocalCounterApi {
    private static final String LOCAL_ID_TOKEN = localIdToken();

    private final LocalRuntime runtime;
    private final AuthMode authMode;
    private final Clock clock;
    private final CounterClient client;

    LocalCounterApi(LocalRuntime runtime, boolean authChecks, Clock clock) {
        this.runtime = runtime;
        this.authMode = authChecks ? authModeOf(runtime) : AuthMode.NONE;
        this.clock = clock;
        this.client = clientBuilder().build();
    }

    /**
     * The auth mode of the served API's counter routes: {@code AWS_IAM} methods are {@link AuthMode#IAM}, a
     * Cognito authorizer {@link AuthMode#COGNITO}, methods that require an API key {@link AuthMode#API_KEY}, open
     * methods {@link AuthMode#NONE}. The first method found decides: the construct gives every route the same.
     */
    private static AuthMode authModeOf(LocalRuntime runtime) {
        for (ApiResource resource : runtime.model().api().resources()) {
            for (ApiMethod method : resource.methods().values()) {
                if (method.httpMethod().equals("OPTIONS")) {
                    continue;  // CORS preflight: always open
                }
                if ("AWS_IAM".equals(method.authorizationType())) {
                    return AuthMode.IAM;
                }
                if ("COGNITO_USER_POOLS".equals(method.authorizationType())) {
                    return AuthMode.COGNITO;
                }
                return method.apiKeyRequired() ? AuthMode.API_KEY : AuthMode.NONE;
            }
        }
        return AuthMode.NONE;
    }

    /**
     * The API's base URL, stage included, on a free loopback port: {@code http://127.0.0.1:PORT/v1}.
     *
     * @return the endpoint, without a trailing slash
     */
    public URI endpoint() {
        return runtime.baseUrl();
    }

    /**
     * How requests authenticate: the template's auth mode, or {@link AuthMode#NONE} when the extension was built
     * with {@link LocalCounterApiExtension.Builder#noAuth()}.
     *
     * @return the auth mode the API enforces
     */
    public AuthMode authMode() {
        return authMode;
    }

    /**
     * What a {@link CounterClient} of this API authenticates with: the local IAM credentials
     * ({@link #credentials()}, region {@link #region()}), the local {@link #apiKey()}, a local Cognito ID token or
     * nothing, as {@link #authMode()} says.
     *
     * @return the client auth that this API accepts
     */
    public Auth auth() {
        return switch (authMode) {
            case IAM -> Auth.iam(credentials(), region());
            case API_KEY -> Auth.apiKey(apiKey());
            // locally the token's claims are read, not its signature: there is no user pool
            case COGNITO -> Auth.cognito(LOCAL_ID_TOKEN);
            case NONE -> Auth.none();
        };
    }

    /**
     * A client of this API with {@link #auth()} and every other setting at its default (automatic Idempotency-Keys
     * included, so updates answer no value: see {@link CounterClient}); shared by the tests of the class.
     *
     * @return the client the extension injects as a {@code CounterClient} parameter
     */
    public CounterClient client() {
        return client;
    }

    /**
     * A client builder already pointed at this API, with {@link #auth()} and the API's clock (which dates
     * signatures), for a client with other settings, such as {@code autoIdempotencyKeys(false)}.
     *
     * @return a new builder
     */
    public CounterClient.Builder clientBuilder() {
        return CounterClient.builder().endpoint(endpoint()).auth(auth()).clock(clock);
    }

    /**
     * The local IAM credentials, for SigV4 signers of one's own (service {@code execute-api}, region
     * {@link #region()}).
     *
     * @return a provider of the local access key and secret key
     */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId(), secretAccessKey()));
    }

    /**
     * The local IAM access key id.
     *
     * @return the access key id that {@link AuthMode#IAM} requests are signed with
     */
    public String accessKeyId() {
        return LocalRuntime.DEFAULT_ACCESS_KEY;
    }

    /**
     * The local IAM secret key.
     *
     * @return the secret key that {@link AuthMode#IAM} requests are signed with
     */
    public String secretAccessKey() {
        return LocalRuntime.DEFAULT_SECRET_KEY;
    }

    /**
     * The region of SigV4 signatures.
     *
     * @return {@code us-east-1}
     */
    public String region() {
        return LocalRuntime.DEFAULT_REGION;
    }

    /**
     * The local API key, sent as {@code x-api-key} to an {@link AuthMode#API_KEY} API. It is under the
     * template's (first) usage plan: its rate, burst and quota apply.
     *
     * @return the API key
     */
    public String apiKey() {
        return LocalRuntime.DEFAULT_API_KEY;
    }

    /**
     * The endpoint of the DynamoDB Local behind the API (in memory, on a loopback port), for an SDK client of
     * one's own: any credentials, region {@code us-east-1}.
     *
     * @return the DynamoDB endpoint
     */
    public URI dynamoDbEndpoint() {
        return runtime.dynamoDb().endpoint();
    }

    /**
     * The counter table's name, as the API's stage variable {@code tableName} gives it.
     *
     * @return the table that holds the counters
     */
    public String tableName() {
        return runtime.model().api().stageVariables().get("tableName");
    }

    /**
     * Deletes every item of every table now, as {@link TableReset} does between tests. Usage-plan quotas and
     * throttling buckets are kept: they live in the API, not in a table.
     *
     * @return how many items were deleted
     */
    public int reset() {
        return TableEraser.deleteEveryItem(runtime.dynamoDb().client());
    }

    @Override
    public String toString() {
        return "LocalCounterApi[" + endpoint() + ", " + authMode.optionValue() + "]";
    }

    void stop() {
        runtime.close();
    }

    /** An ID token of an unsigned shape: a header, claims of a local user, an empty signature part. */
    private static String localIdToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"local-test-user\",\"token_use\":\"id\","
                + "\"cognito:username\":\"local-test-user\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".local";
    }
}
