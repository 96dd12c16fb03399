package io.github.atomiccounters.client;

import io.github.atomiccounters.testing.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries that can never count twice, against a scripted stub: what is retried, with which key, how long the
 * client waits (recorded, never slept), and what is thrown when it gives up.
 */
class CounterClientRetryTest {
    private static final String THROTTLED = "{\"error\": \"Throttled\", \"message\": \"slow down\"}";
    private static final String QUOTA = "{\"error\": \"QuotaExceeded\", \"message\": \"Limit Exceeded\"}";
    private static final String UNAVAILABLE = "{\"error\": \"ServiceUnavailable\", \"message\": \"retry\"}";
    private static final String CONFLICT = "{\"error\": \"ConcurrentUpdate\", \"message\": \"retry\"}";
    private static final String APPLIED = "{\"name\": \"c\", \"idempotencyKey\": \"%s\", \"replayed\": %s}";
    private static final String VALUE = "{\"name\": \"c\", \"value\": 7, \"previous\": 6}";
    private static final Map<String, String> AFTER_1S = Map.of("Retry-After", "1");

    private StubServer stub;
    private RecordingSleeper sleeper;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
        sleeper = new RecordingSleeper();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CounterClient.Builder builder() {
        return CounterClient.builder().endpoint(stub.endpoint()).auth(Auth.none()).sleeper(sleeper)
                .retryPolicy(RetryPolicy.defaults().withJitter(0));
    }

    private CounterClient client() {
        return builder().build();
    }

    @Test
    void throttlingIsRetriedForAnyCallAfterRetryAfter() {
        stub.answer(429, THROTTLED, AFTER_1S).answer(429, QUOTA).answer(200, VALUE);
        UpdateResult r = builder().autoIdempotencyKeys(false).build().increment("c");
        assertThat(r.value()).contains(java.math.BigDecimal.valueOf(7));
        assertThat(stub.received()).hasSize(3).allSatisfy(q -> assertThat(q.header("Idempotency-Key")).isNull());
        // Retry-After when given; else the policy's backoff for the second retry (200 ms x 2)
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(400));
    }

    @Test
    void anUnkeyedUpdateIsNotRetriedOnWhatMayHaveBeenApplied() {
        CounterClient noKeys = builder().autoIdempotencyKeys(false).build();
        stub.answer(503, UNAVAILABLE, AFTER_1S).answer(429, "{\"error\": \"SomethingNew\"}")
                .answer(504, "{\"message\": \"Endpoint request timed out\"}");
        assertThatThrownBy(() -> noKeys.increment("c")).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> noKeys.decrement("c")).isExactlyInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> noKeys.set("c", 1)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(stub.received()).hasSize(3);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aKeyedUpdateIsRetriedWithTheSameKeyUntilItIsApplied() {
        stub.answer(503, UNAVAILABLE, AFTER_1S).answer(409, CONFLICT, AFTER_1S).answer(429, THROTTLED, AFTER_1S);
        CounterClient client = client();
        // the answer names the key the stub received on the first attempt
        stub.answer(200, String.format(APPLIED, "ignored", true));
        UpdateResult r = client.increment("c", 5);
        assertThat(stub.received()).hasSize(4);
        String key = stub.received().get(0).header("Idempotency-Key");
        assertThat(key).matches("[0-9a-f-]{36}");
        assertThat(stub.received()).allSatisfy(q -> {
            assertThat(q.header("Idempotency-Key")).isEqualTo(key);
            assertThat(q.body()).isEqualTo("{\"by\":5}");
        });
        assertThat(r.replayed()).isTrue();
        assertThat(r.value()).isEmpty();
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void eachLogicalCallHasItsOwnKeyAndTheCallersKeyIsKept() {
        stub.answer(503, UNAVAILABLE).answer(200, String.format(APPLIED, "a", false))
                .answer(503, UNAVAILABLE).answer(200, String.format(APPLIED, "b", false))
                .answer(409, CONFLICT).answer(200, String.format(APPLIED, "order-42", false));
        CounterClient client = client();
        client.decrement("c");
        client.set("c", 4);
        client.decrement("c", DecrementRequest.by(1).idempotencyKey("order-42"));
        var keys = stub.received().stream().map(q -> q.header("Idempotency-Key")).toList();
        assertThat(keys.get(0)).isEqualTo(keys.get(1));
        assertThat(keys.get(2)).isEqualTo(keys.get(3)).isNotEqualTo(keys.get(0));
        assertThat(keys.subList(4, 6)).containsOnly("order-42");
    }

    @Test
    void nextIsRetriedOnlyWithTheCallersKey() {
        stub.answer(503, UNAVAILABLE, AFTER_1S);
        assertThatThrownBy(() -> client().next("c", 2)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(stub.received()).hasSize(1);
        assertThat(stub.received().get(0).header("Idempotency-Key")).isNull();

        stub.answer(503, UNAVAILABLE, AFTER_1S)
                .answer(200, "{\"name\": \"c\", \"value\": 3, \"first\": 2, \"idempotencyKey\": \"s-9\", \"replayed\": true}");
        NextResult ids = client().next("c", NextRequest.count(2).idempotencyKey("s-9"));
        assertThat(ids.first()).isEqualByComparingTo("2");
        assertThat(ids.last()).isEqualByComparingTo("3");
        assertThat(stub.received()).hasSize(3);
        assertThat(stub.received().subList(1, 3)).allSatisfy(q -> assertThat(q.header("Idempotency-Key")).isEqualTo("s-9"));
    }

    @Test
    void aWindowIncrementAndAShardedIncrementAreRetriedOnlyOnThrottling() {
        stub.answer(429, THROTTLED, AFTER_1S).answer(200, VALUE).answer(503, UNAVAILABLE, AFTER_1S)
                .answer(429, THROTTLED, AFTER_1S).answer(200, "{\"name\": \"c\", \"shard\": 1, \"shardValue\": 1}")
                .answer(503, UNAVAILABLE, AFTER_1S);
        CounterClient client = client();
        IncrementRequest window = IncrementRequest.by(1).max(5).window(Duration.ofSeconds(60));
        client.increment("c", window);
        assertThatThrownBy(() -> client.increment("c", window)).isInstanceOf(ServiceUnavailableException.class);
        client.shardedIncrement("c");
        assertThatThrownBy(() -> client.shardedIncrement("c")).isInstanceOf(ServiceUnavailableException.class);
        assertThat(stub.received()).hasSize(6).allSatisfy(q -> assertThat(q.header("Idempotency-Key")).isNull());
    }

    @Test
    void readsAndDeletesAreRetriedUntilTheAttemptsRunOut() {
        stub.answerTimes(4, 503, UNAVAILABLE, AFTER_1S);
        assertThatThrownBy(() -> client().get("c")).isInstanceOf(ServiceUnavailableException.class);
        assertThat(stub.received()).hasSize(4);
        assertThat(sleeper.waits()).hasSize(3);

        stub.answer(502, "<html>bad gateway</html>").answer(204, "").answer(503, UNAVAILABLE).answer(204, "")
                .answer(429, THROTTLED).answer(200, "{\"name\": \"c\", \"value\": 2, \"shards\": 1}");
        client().delete("c");
        client().deleteShards("c");
        assertThat(client().shardedTotal("c").value()).isEqualByComparingTo("2");
        assertThat(stub.received()).hasSize(10);
    }

    @Test
    void answersARetryCannotChangeAreThrownAtOnce() {
        stub.answer(400, "{\"error\": \"BadRequest\", \"message\": \"no\"}")
                .answer(403, "{\"error\": \"InvalidSignature\", \"message\": \"no\"}")
                .answer(404, "{\"error\": \"NotFound\", \"message\": \"no\"}")
                .answer(409, "{\"error\": \"LimitExceeded\", \"message\": \"no\", \"value\": 1}", Map.of("Retry-After", "3"))
                .answer(409, "{\"error\": \"IdempotencyKeyReused\", \"message\": \"no\"}")
                .answer(429, "{\"error\": \"TooManyIdempotencyKeys\", \"message\": \"no\"}", Map.of("Retry-After", "5"))
                .answer(500, "{\"error\": \"InternalError\", \"message\": \"no\"}");
        CounterClient client = client();
        assertThatThrownBy(() -> client.increment("c")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.get("c")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> client.get("c")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.increment("c", IncrementRequest.by(1).max(1))).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> client.increment("c")).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> client.next("c", NextRequest.count(1).idempotencyKey("k")))
                .isInstanceOf(TooManyIdempotencyKeysException.class);
        assertThatThrownBy(() -> client.get("c")).isInstanceOf(ServerErrorException.class);
        assertThat(stub.received()).hasSize(7);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
        stub.answer(503, UNAVAILABLE, Map.of("Retry-After", "120"));
        ServiceUnavailableException e = (ServiceUnavailableException) org.assertj.core.api.Assertions
                .catchThrowable(() -> client().get("c"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(stub.received()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void withoutRetryAfterTheWaitDoublesUpToTheCap() {
        stub.answerTimes(5, 503, UNAVAILABLE, Map.of());
        CounterClient client = builder().retryPolicy(new RetryPolicy(6, Duration.ofMillis(300), Duration.ofSeconds(1), 0))
                .build();
        stub.answer(200, "{\"name\": \"c\", \"value\": 1}");
        client.get("c");
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(300), Duration.ofMillis(600),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void jitterOnlyEverLengthensAWaitAndStaysUnderTheCap() {
        stub.answerTimes(3, 429, THROTTLED, AFTER_1S);
        CounterClient client = builder().retryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(20), 0.5))
                .build();
        stub.answer(200, "{\"name\": \"c\", \"value\": 1}");
        client.get("c");
        assertThat(sleeper.waits()).hasSize(3).allSatisfy(w ->
                assertThat(w).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500)));
        RetryPolicy capped = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(1200), 1);
        assertThat(capped.delayBefore(1, Optional.of(Duration.ofSeconds(1)), 0.99)).contains(Duration.ofMillis(1200));
        assertThat(capped.delayBefore(1, Optional.of(Duration.ofSeconds(1)), 0.0)).contains(Duration.ofSeconds(1));
        assertThat(capped.delayBefore(40, Optional.empty(), 0.0)).contains(Duration.ofMillis(1200));
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForAnUnkeyedUpdateSinceNothingWasSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CounterClient client = CounterClient.builder().endpoint("http://127.0.0.1:" + closedPort + "/v1")
                .auth(Auth.none()).autoIdempotencyKeys(false).sleeper(sleeper)
                .retryPolicy(RetryPolicy.defaults().withJitter(0)).build();
        assertThatThrownBy(() -> client.increment("c")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("after 4 attempt(s)");
        assertThat(client.requestsSent()).isEqualTo(4);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void aTimeoutAfterSendingIsRetriedOnlyWhenTheCallIsReplaySafe() {
        CounterClient client = builder().requestTimeout(Duration.ofMillis(300)).autoIdempotencyKeys(false).build();
        stub.hang();
        assertThatThrownBy(() -> client.increment("c")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("after 1 attempt(s)");
        assertThat(stub.received()).hasSize(1);

        CounterClient keyed = builder().requestTimeout(Duration.ofMillis(300)).build();
        stub.hang().answer(200, String.format(APPLIED, "k", true));
        UpdateResult r = keyed.increment("c");
        assertThat(r.replayed()).isTrue();
        assertThat(stub.received()).hasSize(3);
        assertThat(stub.received().get(1).header("Idempotency-Key"))
                .isEqualTo(stub.received().get(2).header("Idempotency-Key")).isNotNull();
    }

    @Test
    void aRawSendIsRetriedOnlyWhenNothingWasAppliedAndReturnsTheFinalAnswer() {
        stub.answer(429, THROTTLED, AFTER_1S).answer(200, VALUE).answer(503, UNAVAILABLE, AFTER_1S);
        RawResponse ok = client().send("POST", "/counters/c/increment", "{}", Map.of());
        assertThat(ok.statusCode()).isEqualTo(200);
        RawResponse down = client().send("GET", "/counters/c", null, Map.of());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(CounterApiException.from(down)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(stub.received()).hasSize(3);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void oneAttemptMeansNoRetry() {
        stub.answer(429, THROTTLED, AFTER_1S);
        CounterClient client = builder().retryPolicy(RetryPolicy.none()).build();
        assertThatThrownBy(() -> client.get("c")).isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((ThrottledException) e).retryAfter()).contains(Duration.ofSeconds(1)));
        assertThat(client.requestsSent()).isEqualTo(1);
    }
}
