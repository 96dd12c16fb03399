package io.github.atomiccounters.local;

import io.github.atomiccounters.local.SigV4Verifier.Outcome;
import io.github.atomiccounters.local.SigV4Verifier.Verification;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class SigV4VerifierTest {

    private static final String KEY = "AKIDLOCALEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier(Map.of(KEY, SECRET), "us-east-1", "123456789012");

    /** What a client receives to send: method, raw path, raw query, headers (incl. Authorization), body. */
    record Wire(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        Wire with(UnaryOperator<Map<String, List<String>>> change) {
            return new Wire(method, path, query, change.apply(new LinkedHashMap<>(headers)), body);
        }
    }

    /** Signs as an AWS SDK client would, then turns the signed request into what goes over the wire. */
    private static Wire sign(String method, String url, Map<String, String> headers, String body, String key,
                             String secret, String region, String service, Instant at) {
        URI uri = URI.create(url);
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(b::putHeader);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .request(b.build())
                .payload(bytes == null ? null : ContentStreamProvider.fromByteArray(bytes))
                .identity(AwsCredentialsIdentity.create(key, secret))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        URI sent = signed.request().getUri();
        Map<String, List<String>> wireHeaders = new LinkedHashMap<>(signed.request().headers());
        if (signed.request().firstMatchingHeader("Host").isEmpty()) { // HTTP clients add it from the URI
            wireHeaders.put("Host", List.of(sent.getPort() < 0 ? sent.getHost() : sent.getHost() + ":" + sent.getPort()));
        }
        return new Wire(method, sent.getRawPath(), sent.getRawQuery(), wireHeaders, bytes);
    }

    private static Wire sign(String method, String url, String body) {
        return sign(method, url, Map.of("Content-Type", "application/json"), body, KEY, SECRET, "us-east-1",
                "execute-api", T);
    }

    private Verification verify(Wire w, Instant now) {
        return verifier.verify(w.method(), w.path(), w.query(), w.headers(), w.body(), now);
    }

    private Verification verify(Wire w) {
        return verify(w, T.plusSeconds(5));
    }

    @Test
    void aCorrectlySignedRequestIsAcceptedWithTheCallerIdentity() {
        Verification v = verify(sign("POST", "https://abc.execute-api.us-east-1.amazonaws.com/prod/counters/c1/increment",
                "{\"by\":1}"));
        assertThat(v.outcome()).isEqualTo(Outcome.OK);
        assertThat(v.ok()).isTrue();
        assertThat(v.status()).isEqualTo(200);
        assertThat(v.accessKeyId()).isEqualTo(KEY);
        assertThat(v.accountId()).isEqualTo("123456789012");
        assertThat(v.userArn()).isEqualTo("arn:aws:iam::123456789012:user/" + KEY);
    }

    @Test
    void getWithoutBodyAndLocalHostWithPortIsAccepted() {
        Wire w = sign("GET", "http://localhost:3000/prod/counters/c1", Map.of(), null, KEY, SECRET, "us-east-1",
                "execute-api", T);
        assertThat(w.headers().get("Host")).containsExactly("localhost:3000");
        assertThat(verify(w).outcome()).isEqualTo(Outcome.OK);
        // an empty body received for a signed null payload hashes the same
        assertThat(verifier.verify("GET", w.path(), w.query(), w.headers(), new byte[0], T).outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void headerNameCaseDoesNotMatter() {
        Wire w = sign("POST", "https://h/prod/x", "{}");
        Map<String, List<String>> lower = new LinkedHashMap<>();
        w.headers().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        assertThat(verifier.verify("POST", w.path(), w.query(), lower, w.body(), T).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void queryStringsWithEncodedCharactersVerify() {
        Wire w = sign("GET", "https://h/prod/counters?name=a%20b%2Fc&z=1&a=%C3%A9t%C3%A9&empty=&tilde=~x&a=0",
                null);
        assertThat(w.query()).contains("%20").contains("%2F").contains("%C3%A9");
        assertThat(verify(w).outcome()).isEqualTo(Outcome.OK);
        // the same parameters in another order are the same canonical query
        String reordered = "empty=&a=0&tilde=~x&z=1&a=%C3%A9t%C3%A9&name=a%20b%2Fc";
        assertThat(verifier.verify("GET", w.path(), reordered, w.headers(), null, T).outcome()).isEqualTo(Outcome.OK);
        // a changed value is not
        assertThat(verifier.verify("GET", w.path(), w.query().replace("z=1", "z=2"), w.headers(), null, T).outcome())
                .isEqualTo(Outcome.INVALID_SIGNATURE);
    }

    @Test
    void encodedPathSegmentsVerify() {
        Wire w = sign("GET", "https://h/prod/counters/a%20b%3Ac", null);
        assertThat(w.path()).isEqualTo("/prod/counters/a%20b%3Ac");
        assertThat(verify(w).outcome()).isEqualTo(Outcome.OK);
        assertThat(verifier.verify("GET", "/prod/counters/a%20b%3Ad", null, w.headers(), null, T).outcome())
                .isEqualTo(Outcome.INVALID_SIGNATURE);
    }

    @Test
    void tamperingIsAnInvalidSignature() {
        Wire w = sign("POST", "https://h/prod/counters/c1/increment", "{\"by\":1}");
        assertThat(verifier.verify("POST", w.path(), w.query(), w.headers(), "{\"by\":9}".getBytes(), T).outcome())
                .as("body").isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(verifier.verify("POST", "/prod/counters/c2/increment", w.query(), w.headers(), w.body(), T)
                .outcome()).as("path").isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(verifier.verify("PUT", w.path(), w.query(), w.headers(), w.body(), T).outcome())
                .as("method").isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(verify(w.with(h -> {
            h.put("Content-Type", List.of("text/plain"));
            return h;
        })).outcome()).as("signed header").isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(verifier.verify("POST", w.path(), "x=1", w.headers(), w.body(), T).outcome())
                .as("added query").isEqualTo(Outcome.INVALID_SIGNATURE);

        Verification v = verify(w.with(h -> {
            String auth = h.get("Authorization").get(0);
            char last = auth.charAt(auth.length() - 1);
            h.put("Authorization", List.of(auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0')));
            return h;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(v.status()).isEqualTo(403);
        assertThat(v.message()).startsWith("The request signature we calculated does not match the signature "
                + "you provided.");
        assertThat(v.outcome().gatewayResponseType()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void anUnsignedHeaderMayChange() {
        Wire w = sign("POST", "https://h/prod/x", "{}");
        assertThat(verify(w.with(h -> {
            h.put("X-Not-Signed", List.of("anything"));
            return h;
        })).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aSignedHeaderMissingFromTheRequestIsAnInvalidSignature() {
        Wire w = sign("POST", "https://h/prod/x", "{}");
        Verification v = verify(w.with(h -> {
            h.remove("Content-Type");
            return h;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(v.message()).contains("content-type");
    }

    @Test
    void wrongSecretIsAnInvalidSignatureAndUnknownKeyIsUnrecognized() {
        Wire wrongSecret = sign("GET", "https://h/prod/x", Map.of(), null, KEY, "not-the-secret", "us-east-1",
                "execute-api", T);
        assertThat(verify(wrongSecret).outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);

        Wire unknown = sign("GET", "https://h/prod/x", Map.of(), null, "AKIDUNKNOWN", SECRET, "us-east-1",
                "execute-api", T);
        Verification v = verify(unknown);
        assertThat(v.outcome()).isEqualTo(Outcome.UNRECOGNIZED_CLIENT);
        assertThat(v.message()).isEqualTo("The security token included in the request is invalid.");
        assertThat(v.status()).isEqualTo(403);
    }

    @Test
    void signaturesOlderOrNewerThanFifteenMinutesAreExpired() {
        Wire w = sign("GET", "https://h/prod/x", null);
        assertThat(verify(w, T.plus(Duration.ofMinutes(15))).outcome()).isEqualTo(Outcome.OK);
        Verification old = verify(w, T.plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThat(old.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(old.message()).startsWith("Signature expired: 20261123T100000Z is now earlier than");
        assertThat(old.outcome().gatewayResponseType()).isEqualTo("EXPIRED_TOKEN");
        assertThat(verify(w, T.minus(Duration.ofMinutes(15))).outcome()).isEqualTo(Outcome.OK);
        Verification future = verify(w, T.minus(Duration.ofMinutes(16)));
        assertThat(future.outcome()).isEqualTo(Outcome.EXPIRED);
        assertThat(future.message()).startsWith("Signature not yet current");
    }

    @Test
    void missingAuthorizationIsMissingAuthenticationToken() {
        Wire w = sign("GET", "https://h/prod/x", null);
        Verification v = verify(w.with(h -> {
            h.remove("Authorization");
            return h;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.MISSING_AUTHENTICATION_TOKEN);
        assertThat(v.message()).isEqualTo("Missing Authentication Token");
        assertThat(v.status()).isEqualTo(403);
        assertThat(v.outcome().gatewayResponseType()).isEqualTo("MISSING_AUTHENTICATION_TOKEN");
    }

    @Test
    void malformedAuthorizationIsAnIncompleteSignature() {
        Wire w = sign("GET", "https://h/prod/x", null);
        Verification bearer = verify(w.with(h -> {
            h.put("Authorization", List.of("Bearer abc.def"));
            return h;
        }));
        assertThat(bearer.outcome()).isEqualTo(Outcome.INCOMPLETE_SIGNATURE);
        assertThat(bearer.message()).startsWith("Invalid key=value pair (missing equal-sign) in Authorization header");

        Verification noSignature = verify(w.with(h -> {
            h.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY
                    + "/20261123/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date"));
            return h;
        }));
        assertThat(noSignature.outcome()).isEqualTo(Outcome.INCOMPLETE_SIGNATURE);
        assertThat(noSignature.message()).contains("Authorization header requires 'Signature' parameter.");

        Verification noDate = verify(w.with(h -> {
            h.remove("X-Amz-Date");
            return h;
        }));
        assertThat(noDate.outcome()).isEqualTo(Outcome.INCOMPLETE_SIGNATURE);
        assertThat(noDate.message()).contains("'X-Amz-Date'");

        Verification badDate = verify(w.with(h -> {
            h.put("X-Amz-Date", List.of("2026-11-23T10:00:00Z"));
            return h;
        }));
        assertThat(badDate.outcome()).isEqualTo(Outcome.INCOMPLETE_SIGNATURE);
        assertThat(badDate.message()).contains("ISO-8601");
    }

    @Test
    void credentialScopeMustMatchRegionServiceAndDate() {
        Wire otherRegion = sign("GET", "https://h/prod/x", Map.of(), null, KEY, SECRET, "eu-west-1",
                "execute-api", T);
        assertThat(verify(otherRegion).message()).contains("valid region");
        assertThat(verify(otherRegion).outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);

        Wire otherService = sign("GET", "https://h/prod/x", Map.of(), null, KEY, SECRET, "us-east-1",
                "dynamodb", T);
        assertThat(verify(otherService).message()).contains("correct service: 'execute-api'");

        Wire w = sign("GET", "https://h/prod/x", null);
        Verification dateMismatch = verify(w.with(h -> {
            h.put("X-Amz-Date", List.of("20261122T235959Z"));
            return h;
        }), Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(dateMismatch.outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(dateMismatch.message()).contains("Date in Credential scope does not match");
    }

    @Test
    void botocoreSignaturesWithoutContentSha256Verify() {
        // Made with botocore 1.43 SigV4Auth(credentials, "execute-api", "us-east-1"): it signs no
        // x-amz-content-sha256, unlike the Java SDK, so a verifier built on the Java SDK signer would reject it.
        Instant at = Instant.parse("2026-11-23T09:27:28Z");
        Map<String, List<String>> post = Map.of(
                "Content-Type", List.of("application/json"),
                "Host", List.of("localhost:3000"),
                "X-Amz-Date", List.of("20261123T092728Z"),
                "Content-Length", List.of("8"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDLOCALEXAMPLE/20261123/us-east-1/"
                        + "execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=44bd36b4991fde9f04a5a3bf26e375486c07d9362f9375d92c1fb5b39092f329"));
        assertThat(verifier.verify("POST", "/prod/counters/c%201/increment", "dry=true&tag=a%2Fb&tag=%C3%A9",
                post, "{\"by\":1}".getBytes(StandardCharsets.UTF_8), at).outcome()).isEqualTo(Outcome.OK);
        assertThat(verifier.verify("POST", "/prod/counters/c%201/increment", "dry=true&tag=a%2Fb&tag=%C3%A9",
                post, "{\"by\":2}".getBytes(StandardCharsets.UTF_8), at).outcome())
                .isEqualTo(Outcome.INVALID_SIGNATURE);

        Map<String, List<String>> get = Map.of(
                "Host", List.of("localhost:3000"),
                "X-Amz-Date", List.of("20261123T092728Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDLOCALEXAMPLE/20261123/us-east-1/"
                        + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=0f69825a7d17fdbd7bdf7ce424438e9c6e739933aabf3690fc78666e3ef4803e"));
        assertThat(verifier.verify("GET", "/prod/counters/c1", null, get, null, at).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void awsPublishedTestVectorGetVanilla() {
        // AWS SigV4 test suite, "get-vanilla": GET / with Host example.amazonaws.com, service "service"
        String canonical = "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + sha256Hex(canonical);
        assertThat(SigV4Verifier.signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1",
                "service", stringToSign))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void invalidSignatureShowsTheCanonicalRequestAsAwsDoes() {
        Wire w = sign("POST", "https://h/prod/x?b=2&a=1", "{}");
        Verification v = verifier.verify("POST", w.path(), w.query(), w.headers(), "{ }".getBytes(), T);
        assertThat(v.outcome()).isEqualTo(Outcome.INVALID_SIGNATURE);
        assertThat(v.message()).contains("The Canonical String for this request should have been\n'POST\n/prod/x\na=1&b=2\n")
                .contains("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261123T100000Z\n"
                        + "20261123/us-east-1/execute-api/aws4_request\n");
    }

    @Test
    void canonicalUriIsDoubleEncodedWithDotSegmentsRemoved() {
        assertThat(SigV4Verifier.canonicalUri("")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/")).isEqualTo("/");
        assertThat(SigV4Verifier.canonicalUri("/prod/a%20b")).isEqualTo("/prod/a%2520b");
        assertThat(SigV4Verifier.canonicalUri("/prod/a b*~")).isEqualTo("/prod/a%20b%2A~");
        assertThat(SigV4Verifier.canonicalUri("/prod/./x/../y/")).isEqualTo("/prod/y/");
        assertThat(SigV4Verifier.canonicalUri("/prod/x/..")).isEqualTo("/prod/");
        assertThat(SigV4Verifier.canonicalUri("/prod//x")).isEqualTo("/prod//x");
        assertThat(SigV4Verifier.canonicalQuery("b=2&a=%7E&a=1&c")).isEqualTo("a=1&a=~&b=2&c=");
    }

    @Test
    void pathsWithDotSegmentsVerifyLikeTheSdkSigner() {
        Wire w = sign("GET", "https://h/prod/./counters/../counters/c1/", null);
        assertThat(verify(w).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void hostMustBeSigned() {
        Wire w = sign("GET", "https://h/prod/x", null);
        Verification v = verify(w.with(h -> {
            String auth = h.get("Authorization").get(0);
            assertThat(auth).contains(";host;");
            h.put("Authorization", List.of(auth.replace(";host;", ";")));
            return h;
        }));
        assertThat(v.outcome()).isEqualTo(Outcome.INCOMPLETE_SIGNATURE);
        assertThat(v.message()).contains("'Host'");
    }

    @Test
    void queryParsingDecodesPercentOnly() {
        assertThat(SigV4Verifier.parseQuery("a=1&b=x%20y&c&d=&a=2&e=p+q&f=%E2%82%AC&g=%zz"))
                .containsEntry("a", List.of("1", "2"))
                .containsEntry("b", List.of("x y"))
                .containsEntry("c", List.of(""))
                .containsEntry("d", List.of(""))
                .containsEntry("e", List.of("p+q"))
                .containsEntry("f", List.of("\u20ac"))
                .containsEntry("g", List.of("%zz"));
    }

    @Test
    void manyVerificationsInParallelAgree() throws Exception {
        List<Wire> wires = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            wires.add(sign("POST", "https://h/prod/counters/c" + i, "{\"by\":" + i + "}"));
        }
        long ok = wires.parallelStream().filter(w -> verify(w).ok()).count();
        assertThat(ok).isEqualTo(50);
    }
}
