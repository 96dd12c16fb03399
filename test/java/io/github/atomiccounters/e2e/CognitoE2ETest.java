package io.github.atomiccounters.e2e;

import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app synthesized with auth=cognito: every method needs an ID token in {@code Authorization}. Locally the
 * token's claims are read but its signature is not checked (there is no user pool here), so a well-formed
 * token with the claims a Cognito ID token carries is accepted, and anything else is 401 Unauthorized.
 */
class CognitoE2ETest {

    private static ApiClient api() {
        return new ApiClient(Runtimes.shared(Synthesized.COGNITO, null)).unsigned();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An ID token of the configured pool, shaped like Cognito's (RS256 JWT: header.claims.signature). */
    static String idToken() {
        long now = Runtimes.clock().instant().getEpochSecond();  // the shared runtimes' clock
        String pool = Synthesized.USER_POOL_ARN.substring(Synthesized.USER_POOL_ARN.lastIndexOf('/') + 1);
        String header = "{\"kid\":\"local-test-key\",\"alg\":\"RS256\"}";
        String claims = "{\"sub\":\"" + UUID.randomUUID() + "\",\"aud\":\"local-app-client\","
                + "\"iss\":\"https://cognito-idp.us-east-1.amazonaws.com/" + pool + "\",\"token_use\":\"id\","
                + "\"cognito:username\":\"alice\",\"email\":\"alice@example.com\","
                + "\"auth_time\":" + now + ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        return b64(header) + "." + b64(claims) + "." + b64("signature-not-checked-locally");
    }

    @Test
    void withoutATokenItIs401Unauthorized() {
        ApiClient.Response r = api().send("POST", "/counters/cognito/increment", "{}");
        assertError(r, 401, "Unauthorized");
        assertError(api().send("GET", "/counters/cognito", null), 401, "Unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-jwt", "a.b", "Bearer x.!!!.z", "x.eyJub3QganNvbg.z"})
    void aMalformedTokenIs401Unauthorized(String token) {
        ApiClient.Response r = api().send("POST", "/counters/cognito/increment", "{}",
                Map.of("Authorization", token));
        assertError(r, 401, "Unauthorized");
    }

    @Test
    void aWellFormedIdTokenIsAcceptedAsIsOrAsABearerToken() {
        String name = "cognito-" + UUID.randomUUID();
        ApiClient.Response first = api().send("POST", "/counters/" + name + "/increment", "{\"by\": 2}",
                Map.of("Authorization", idToken()));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("value").asInt()).isEqualTo(2);
        ApiClient.Response bearer = api().send("GET", "/counters/" + name, null,
                Map.of("Authorization", "Bearer " + idToken()));
        assertThat(bearer.status()).as(bearer.body()).isEqualTo(200);
        assertThat(bearer.json().get("value").asInt()).isEqualTo(2);
    }
}
