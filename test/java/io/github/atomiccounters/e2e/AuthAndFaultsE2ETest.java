package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM auth as API Gateway enforces it, and DynamoDB errors mapped to 429 / 503 with JSON bodies. */
class AuthAndFaultsE2ETest {

    @Test
    void unsignedRequestsAreRefusedWithJson403() {
        ApiClient api = new ApiClient(LocalApi.withFaults(null));
        ApiClient.Response r = api.send("POST", "/counters/auth-test/increment", "{}", Map.of(), false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("MissingAuthenticationToken");
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        ApiClient api = new ApiClient(LocalApi.withFaults(null))
                .withCredentials(LocalRuntime.DEFAULT_ACCESS_KEY, "not-the-secret");
        ApiClient.Response r = api.send("POST", "/counters/auth-test/increment", "{}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("InvalidSignature");
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        ApiClient api = new ApiClient(LocalApi.withFaults(null)).withCredentials("AKIAUNKNOWN000000000", "x");
        ApiClient.Response r = api.send("GET", "/counters/auth-test", null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void injectedThrottlingIs429WithRetryAfter() {
        ApiClient api = new ApiClient(LocalApi.withFaults("throttle:1"));
        ApiClient.Response r = api.send("POST", "/counters/hot/increment", "{}");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("error").asText()).isEqualTo("Throttled");
        assertThat(r.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void injectedInternalErrorsAre503WithoutInternals() {
        LocalRuntime runtime = LocalApi.withFaults("internal:1");
        ApiClient api = new ApiClient(runtime);
        ApiClient.Response r = api.send("GET", "/counters/anything", null);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).isEqualTo("ServiceUnavailable");
        assertThat(r.body()).doesNotContain(runtime.model().api().stageVariables().get("tableName"))
                .doesNotContain("InternalServerError").doesNotContain("Exception");
    }
}
