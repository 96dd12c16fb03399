package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM auth as API Gateway enforces it (403 with a code per failure, signatures valid for 15 minutes either way),
 * and the store's failures mapped to 429 / 409 / 503 / 500 with JSON bodies that leak no internals.
 */
class AuthAndFaultsE2ETest {

    private static ApiClient api() {
        return new ApiClient(Runtimes.shared(Synthesized.E2E, null));
    }

    /** A JSON error answer: status, code, a message, and nothing of DynamoDB's internals. */
    static void assertError(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).as(r.body()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("CountersTable").doesNotContain("__type");
    }

    @Test
    void unsignedRequestsAreMissingAuthenticationToken() {
        ApiClient.Response r = api().unsigned().send("POST", "/counters/auth-test/increment", "{}");
        assertError(r, 403, "MissingAuthenticationToken");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        ApiClient.Response r = api().withCredentials(LocalRuntime.DEFAULT_ACCESS_KEY, "not-the-secret")
                .send("POST", "/counters/auth-test/increment", "{}");
        assertError(r, 403, "InvalidSignature");
    }

    /**
     * A caller whose IAM policy allows GET routes only (the local read-only credentials stand for the README's
     * read-only statement): reading works, anything else is 403 AccessDenied and changes nothing.
     */
    @Test
    void aCallerIamDoesNotAllowIsAccessDenied() {
        ApiClient writer = api();
        ApiClient reader = api().withCredentials(LocalRuntime.READ_ONLY_ACCESS_KEY, LocalRuntime.READ_ONLY_SECRET_KEY);
        String name = "/counters/read-only-" + UUID.randomUUID();
        assertThat(writer.send("PUT", name, "{\"value\": 7}").status()).isEqualTo(200);
        ApiClient.Response read = reader.send("GET", name, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        for (String[] call : new String[][] {{"POST", name + "/increment"}, {"PUT", name}, {"DELETE", name}}) {
            ApiClient.Response denied = reader.send(call[0], call[1], call[0].equals("DELETE") ? null : "{\"value\": 1}");
            assertError(denied, 403, "AccessDenied");
            assertThat(denied.json().get("message").asText()).contains("is not authorized to perform: "
                    + "execute-api:Invoke").contains(call[0] + name);
        }
        assertThat(writer.send("GET", name, null).json().get("value").asInt()).isEqualTo(7);
    }

    /** API Gateway has no response type of its own for these: DEFAULT_4XX answers, with code Forbidden. */
    @Test
    void anUnknownAccessKeyOrAMalformedAuthorizationIsForbidden() {
        ApiClient.Response unknown = api().withCredentials("AKIAUNKNOWN000000000", "x")
                .send("GET", "/counters/auth-test", null);
        assertError(unknown, 403, "Forbidden");
        ApiClient.Response bearer = api().unsigned().send("GET", "/counters/auth-test", null,
                Map.of("Authorization", "Bearer abc.def.ghi"));
        assertError(bearer, 403, "Forbidden");
    }

    /** The runtime's clock decides a signature's age: signed at T, accepted until T+15 min, expired after. */
    @Test
    void aSignatureOlderOrNewerThanFifteenMinutesIsAnExpiredToken() {
        Instant signedAt = Instant.parse("2031-02-21T10:00:00Z");
        MutableClock clock = new MutableClock(signedAt);
        try (LocalRuntime runtime = Runtimes.start(Synthesized.E2E, clock)) {
            ApiClient signedThen = new ApiClient(runtime, clock).signingAt(Clock.fixed(signedAt, ZoneOffset.UTC));
            String name = "/counters/expiry-" + UUID.randomUUID();

            clock.advance(Duration.ofMinutes(15));
            assertThat(signedThen.send("PUT", name, "{\"value\": 1}").status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
            assertError(signedThen.send("PUT", name, "{\"value\": 2}"), 403, "ExpiredToken");

            // a clock 15 minutes behind the caller's accepts the signature; 16 minutes behind does not
            clock.set(signedAt.minus(Duration.ofMinutes(15)));
            assertThat(signedThen.send("GET", name, null).status()).isEqualTo(200);
            clock.set(signedAt.minus(Duration.ofMinutes(16)));
            assertError(signedThen.send("GET", name, null), 403, "ExpiredToken");
            assertThat(Items.counter(runtime, name.substring("/counters/".length())).get("value").n()).isEqualTo("1");
        }
    }

    /** Every DynamoDB failure the runtime can inject, as its client sees it. */
    @ParameterizedTest
    @CsvSource({
            "throttle:1,    429, Throttled",            // ProvisionedThroughputExceededException
            "throttling:1,  429, Throttled",            // ThrottlingException (coral namespace)
            "internal:1,    503, ServiceUnavailable",   // InternalServerError
            "unavailable:1, 503, ServiceUnavailable"})  // ServiceUnavailable
    void injectedStoreFailuresAreRetryableJsonErrorsWithRetryAfterOne(String fault, int status, String code) {
        ApiClient api = new ApiClient(Runtimes.shared(Synthesized.E2E, fault));
        for (String[] call : new String[][] {{"POST", "/increment", "{}"}, {"GET", "", null},
                {"PUT", "", "{\"value\": 3}"}, {"POST", "/next", "{}"}}) {
            ApiClient.Response r = api.send(call[0], "/counters/hot" + call[1], call[2]);
            assertError(r, status, code);
            assertThat(r.header("Retry-After")).as(call[0] + call[1]).isEqualTo("1");
        }
    }

    /**
     * Another transaction holds the counter: a single-item update meets TransactionConflictException, an idempotent
     * one (a transaction) is cancelled with a TransactionConflict reason. Both: nothing changed, retry in a second.
     */
    @ParameterizedTest
    @CsvSource({"conflict:1, false", "transaction-conflict:1, true"})
    void aConflictingTransactionIsConcurrentUpdateWithRetryAfterOne(String fault, boolean keyed) {
        ApiClient api = new ApiClient(Runtimes.shared(Synthesized.E2E, fault));
        for (String body : new String[] {"{\"by\": 2}", "{\"by\": 2, \"max\": 10}"}) {
            ApiClient.Response r = api.send("POST", "/counters/contended/increment", body,
                    keyed ? Map.of("Idempotency-Key", UUID.randomUUID().toString()) : Map.of());
            assertError(r, 409, "ConcurrentUpdate");
            assertThat(r.header("Retry-After")).isEqualTo("1");
        }
    }

    /** A store without the table (e.g. deleted under the API): not the client's fault, and nothing leaks. */
    @Test
    void aMissingTableIs500InternalErrorWithoutInternals() {
        try (LocalRuntime runtime = Runtimes.start(Synthesized.E2E, Runtimes.clock())) {
            runtime.dynamoDb().client().deleteTable(d -> d.tableName(Items.table(runtime)));
            ApiClient api = new ApiClient(runtime);
            for (String[] call : new String[][] {{"POST", "/counters/x/increment", "{}"}, {"GET", "/counters/x", null}}) {
                ApiClient.Response r = api.send(call[0], call[1], call[2]);
                assertError(r, 500, "InternalError");
                assertThat(r.body()).doesNotContain(Items.table(runtime)).doesNotContain("ResourceNotFound");
            }
        }
    }

    /**
     * A store that does not answer at all: the README's 504 ServiceUnavailable ("API Gateway could not reach
     * DynamoDB"), still JSON, with Retry-After.
     */
    @Test
    void anUnreachableStoreIs504ServiceUnavailable() {
        try (LocalRuntime runtime = Runtimes.start(Synthesized.E2E, Runtimes.clock())) {
            runtime.dynamoDb().close();
            ApiClient.Response r = new ApiClient(runtime).send("POST", "/counters/x/increment", "{}");
            assertError(r, 504, "ServiceUnavailable");
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.body()).doesNotContain(runtime.dynamoDb().endpoint().toString());
        }
    }
}
