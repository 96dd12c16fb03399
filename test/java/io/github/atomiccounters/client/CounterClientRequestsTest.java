package io.github.atomiccounters.client;

import io.github.atomiccounters.testing.RecordingSleeper;
import io.github.atomiccounters.local.SigV4Verifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the client puts on the wire for each route, and how it reads the answers (against a scripted stub). */
class CounterClientRequestsTest {
    private StubServer stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CounterClient client(boolean autoKeys) {
        return CounterClient.builder().endpoint(stub.endpoint()).auth(Auth.none()).autoIdempotencyKeys(autoKeys)
                .sleeper(new RecordingSleeper()).build();
    }

    @Test
    void getReadsNameAndExactValue() {
        stub.answer(200, "{\"name\": \"likes\", \"value\": 12345678901234567890.123456789}");
        Counter c = client(true).get("likes");
        assertThat(c).isEqualTo(new Counter("likes", new BigDecimal("12345678901234567890.123456789")));
        StubServer.Received r = stub.only();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/v1/counters/likes");
        assertThat(r.body()).isEmpty();
        assertThat(r.header("Content-Type")).isNull();
        assertThat(r.header("Idempotency-Key")).isNull();
    }

    @Test
    void wholeAmountsAreJsonIntegersAndFractionsAreDecimalStrings() {
        stub.answer(200, "{\"name\": \"d\", \"value\": 1, \"previous\": 0}")
                .answer(200, "{\"name\": \"d\", \"value\": 13.5, \"previous\": 1}")
                .answer(200, "{\"name\": \"d\", \"value\": 1013.5, \"previous\": 13.5}")
                .answer(200, "{\"name\": \"d\", \"value\": 1014.5, \"previous\": 1013.5}");
        CounterClient client = client(false);
        client.increment("d");
        client.increment("d", new BigDecimal("12.50"));
        client.increment("d", new BigDecimal("1E+3"));
        UpdateResult last = client.increment("d", new BigDecimal("1.000"));
        assertThat(stub.received()).extracting(StubServer.Received::body).containsExactly(
                "{\"by\":1}", "{\"by\":\"12.50\"}", "{\"by\":1000}", "{\"by\":1}");
        assertThat(stub.received()).allSatisfy(r -> {
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.rawPath()).isEqualTo("/v1/counters/d/increment");
        });
        assertThat(last).isEqualTo(new UpdateResult("d", Optional.of(new BigDecimal("1014.5")),
                Optional.of(new BigDecimal("1013.5")), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void everyRouteHasItsMethodPathAndBody() {
        stub.answer(200, "{\"name\": \"n\", \"value\": 5, \"previous\": 0}")
                .answer(200, "{\"name\": \"n\", \"value\": 3, \"previous\": 5}")
                .answer(200, "{\"name\": \"n\", \"value\": 10}")
                .answer(200, "{\"name\": \"n\", \"value\": 13, \"first\": 11}")
                .answer(204, "")
                .answer(200, "{\"name\": \"n\", \"shard\": 7, \"shardValue\": 2.5}")
                .answer(200, "{\"name\": \"n\", \"value\": 40.5, \"shards\": 3}")
                .answer(204, "");
        CounterClient client = client(false);
        client.increment("n", IncrementRequest.by(5).max(10));
        client.decrement("n", DecrementRequest.by(2).min(new BigDecimal("-0.5")));
        client.set("n", SetRequest.value(10).expected(3));
        NextResult ids = client.next("n", 3);
        client.delete("n");
        ShardIncrement shard = client.shardedIncrement("n", new BigDecimal("2.5"));
        ShardedTotal total = client.shardedTotal("n");
        client.deleteShards("n");

        assertThat(stub.received()).extracting(r -> r.method() + " " + r.rawPath() + " " + r.body()).containsExactly(
                "POST /v1/counters/n/increment {\"by\":5,\"max\":10}",
                "POST /v1/counters/n/decrement {\"by\":2,\"min\":\"-0.5\"}",
                "PUT /v1/counters/n {\"value\":10,\"expected\":3}",
                "POST /v1/counters/n/next {\"count\":3}",
                "DELETE /v1/counters/n ",
                "POST /v1/counters/n/shards/increment {\"by\":\"2.5\"}",
                "GET /v1/counters/n/shards ",
                "DELETE /v1/counters/n/shards ");
        assertThat(ids).isEqualTo(new NextResult("n", new BigDecimal(11), new BigDecimal(13), Optional.empty(), false));
        assertThat(shard).isEqualTo(new ShardIncrement("n", 7, new BigDecimal("2.5")));
        assertThat(total).isEqualTo(new ShardedTotal("n", new BigDecimal("40.5"), 3));
    }

    @Test
    void aWindowIsSentInSecondsAndItsAnswerRead() {
        stub.answer(200, "{\"name\": \"w\", \"value\": 1, \"previous\": 0, "
                + "\"window\": {\"start\": 1795430400, \"resetAt\": 1795430460, \"limit\": 2}}");
        UpdateResult r = client(true).increment("w", IncrementRequest.by(1).max(2).window(Duration.ofMinutes(1)));
        assertThat(stub.only().body()).isEqualTo("{\"by\":1,\"max\":2,\"window\":60}");
        assertThat(stub.only().header("Idempotency-Key")).as("a window never gets a generated key").isNull();
        assertThat(r.window()).contains(new RateWindow(Instant.ofEpochSecond(1795430400L),
                Instant.ofEpochSecond(1795430460L), BigDecimal.valueOf(2)));
        assertThatThrownBy(() -> IncrementRequest.by(1).max(2).window(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAreOnePercentEncodedSegment() {
        stub.answerTimes(4, 200, "{\"name\": \"x\", \"value\": 1}", Map.of());
        CounterClient client = client(false);
        client.get("a b/c?d#e%f+g");
        client.get("zähler-€");
        client.get("..");
        client.get("v1.total");
        assertThat(stub.received()).extracting(StubServer.Received::rawPath).containsExactly(
                "/v1/counters/a%20b%2Fc%3Fd%23e%25f%2Bg",
                "/v1/counters/z%C3%A4hler-%E2%82%AC",
                "/v1/counters/%2E%2E",
                "/v1/counters/v1.total");
        assertThatThrownBy(() -> client.get("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void automaticKeysAreOnePerCallAndAnswersWithAKeyHaveNoValue() {
        stub.answerTimes(3, 200, "{\"name\": \"k\", \"idempotencyKey\": \"x\", \"replayed\": false}", Map.of());
        CounterClient client = client(true);
        UpdateResult inc = client.increment("k");
        client.decrement("k");
        client.set("k", 3);
        assertThat(inc.value()).isEmpty();
        assertThat(inc.idempotencyKey()).contains("x");
        assertThat(stub.received()).extracting(r -> r.header("Idempotency-Key"))
                .allSatisfy(k -> assertThat(k).matches("[0-9a-f-]{36}")).doesNotHaveDuplicates();
    }

    @Test
    void theCallersKeyIsSentAsIsAndNextGetsNoGeneratedKey() {
        stub.answer(200, "{\"name\": \"k\", \"idempotencyKey\": \"order-42\", \"replayed\": true}")
                .answer(200, "{\"name\": \"k\", \"value\": 1, \"first\": 1}")
                .answer(200, "{\"name\": \"k\", \"value\": 1, \"first\": 1, \"idempotencyKey\": \"s-1\", \"replayed\": true}")
                .answer(200, "{\"name\": \"k\", \"shard\": 0, \"shardValue\": 1}");
        CounterClient client = client(true);
        UpdateResult replay = client.increment("k", IncrementRequest.by(1).idempotencyKey("order-42"));
        client.next("k");
        NextResult keyed = client.next("k", NextRequest.count(1).idempotencyKey("s-1"));
        client.shardedIncrement("k");
        assertThat(replay.replayed()).isTrue();
        assertThat(keyed.replayed()).isTrue();
        assertThat(keyed.idempotencyKey()).contains("s-1");
        assertThat(stub.received()).extracting(r -> String.valueOf(r.header("Idempotency-Key")))
                .containsExactly("order-42", "null", "s-1", "null");
    }

    @Test
    void apiKeyCognitoAndExtraHeadersAreSent() {
        stub.answerTimes(2, 200, "{\"name\": \"h\", \"value\": 1}", Map.of());
        CounterClient.builder().endpoint(stub.endpoint() + "/").auth(Auth.apiKey("k-123"))
                .header("Origin", "https://app.example.com").build().get("h");
        CounterClient.builder().endpoint(stub.endpoint()).auth(Auth.cognito(() -> "eyJ.token.sig")).build().get("h");
        StubServer.Received withKey = stub.received().get(0);
        assertThat(withKey.rawPath()).as("a trailing slash in the endpoint is ignored").isEqualTo("/v1/counters/h");
        assertThat(withKey.header("x-api-key")).isEqualTo("k-123");
        assertThat(withKey.header("Origin")).isEqualTo("https://app.example.com");
        assertThat(withKey.header("Authorization")).isNull();
        assertThat(stub.received().get(1).header("Authorization")).isEqualTo("eyJ.token.sig");
    }

    @Test
    void iamSignaturesVerifyAsApiGatewayChecksThem() {
        stub.answerTimes(2, 200, "{\"name\": \"a b\", \"value\": 1, \"previous\": 0}", Map.of());
        Instant signedAt = Instant.parse("2026-11-23T10:00:00Z");
        CounterClient client = CounterClient.builder().endpoint(stub.endpoint())
                .auth(Auth.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s3cret"))))
                .clock(java.time.Clock.fixed(signedAt, java.time.ZoneOffset.UTC))
                .autoIdempotencyKeys(false).build();
        client.increment("a b/ü", 2);
        StubServer.Received r = stub.only();
        assertThat(r.header("Authorization")).contains("Credential=AKIDTEST/20261123/us-east-1/execute-api/");
        SigV4Verifier verifier = new SigV4Verifier(Map.of("AKIDTEST", "s3cret"), "us-east-1");
        SigV4Verifier.Verification ok = verifier.verify(r.method(), r.rawPath(), null, r.headers(),
                r.body().getBytes(StandardCharsets.UTF_8), signedAt.plusSeconds(5));
        assertThat(ok.ok()).as(ok.message()).isTrue();
        SigV4Verifier.Verification wrongSecret = new SigV4Verifier(Map.of("AKIDTEST", "other"), "us-east-1")
                .verify(r.method(), r.rawPath(), null, r.headers(), r.body().getBytes(StandardCharsets.UTF_8),
                        signedAt.plusSeconds(5));
        assertThat(wrongSecret.ok()).isFalse();
    }

    @Test
    void theRegionComesFromAnExecuteApiEndpointUnlessGiven() {
        assertThat(Auth.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create("A", "s")))
                .withEndpoint(java.net.URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/v1"))
                .toString()).contains("eu-west-1");
        assertThat(Auth.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create("A", "s")))
                .withEndpoint(java.net.URI.create("http://127.0.0.1:8080/v1")).toString()).contains("us-east-1");
        assertThat(Auth.iam(StaticCredentialsProvider.create(AwsBasicCredentials.create("A", "s")), "ap-south-2")
                .withEndpoint(java.net.URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/v1"))
                .toString()).contains("ap-south-2");
    }

    @Test
    void rawSendKeepsTheCallersMediaTypeAndReturnsTheAnswerAsIs() {
        stub.answer(415, "{\"error\": \"UnsupportedMediaType\", \"message\": \"Unsupported Media Type\"}",
                Map.of("Access-Control-Allow-Origin", "*"));
        RawResponse r = client(true).send("POST", CounterClient.counterPath("m") + "/increment", "by=1",
                Map.of("Content-Type", "text/plain"));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.header("access-control-allow-origin")).contains("*");
        assertThat(stub.only().header("Content-Type")).isEqualTo("text/plain");
        assertThat(stub.only().body()).isEqualTo("by=1");
    }

    @Test
    void aSuccessWithoutTheContractsFieldsIsUnexpected() {
        stub.answer(200, "<html>hello</html>").answer(200, "{\"name\": \"x\"}").answer(200, "{\"name\": \"x\"}");
        CounterClient client = client(false);
        assertThatThrownBy(() -> client.get("x")).isInstanceOf(UnexpectedResponseException.class)
                .satisfies(e -> assertThat(((UnexpectedResponseException) e).rawBody()).isEqualTo("<html>hello</html>"));
        assertThatThrownBy(() -> client.get("x")).isInstanceOf(UnexpectedResponseException.class);
        assertThatThrownBy(() -> client.increment("x")).isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void builderRefusesNonsense() {
        assertThatThrownBy(() -> CounterClient.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CounterClient.builder().endpoint("ftp://x/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CounterClient.builder().endpoint("http://x/v1?a=b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CounterClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.defaults().withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
