package io.github.atomiccounters.e2e;

import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.RecordingSleeper;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.client.AccessDeniedException;
import io.github.atomiccounters.client.Auth;
import io.github.atomiccounters.client.BadRequestException;
import io.github.atomiccounters.client.Counter;
import io.github.atomiccounters.client.CounterApiException;
import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.client.DecrementRequest;
import io.github.atomiccounters.client.ExpectedValueMismatchException;
import io.github.atomiccounters.client.IdempotencyKeyReusedException;
import io.github.atomiccounters.client.IncrementRequest;
import io.github.atomiccounters.client.LimitExceededException;
import io.github.atomiccounters.client.NextRequest;
import io.github.atomiccounters.client.NextResult;
import io.github.atomiccounters.client.NotFoundException;
import io.github.atomiccounters.client.RateWindow;
import io.github.atomiccounters.client.RawResponse;
import io.github.atomiccounters.client.RetryPolicy;
import io.github.atomiccounters.client.SequenceNotPreparedException;
import io.github.atomiccounters.client.ServerErrorException;
import io.github.atomiccounters.client.ServiceUnavailableException;
import io.github.atomiccounters.client.SetRequest;
import io.github.atomiccounters.client.ShardIncrement;
import io.github.atomiccounters.client.ThrottledException;
import io.github.atomiccounters.client.TooManyIdempotencyKeysException;
import io.github.atomiccounters.client.UnsupportedMediaTypeException;
import io.github.atomiccounters.client.UpdateResult;
import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link CounterClient} against the local runtime: every route, and every error code the runtime can produce,
 * through the client's typed results and exceptions. Waits between retries are recorded, never slept.
 * {@code ConcurrentUpdate} is the one code the runtime cannot produce (DynamoDB Local serializes transactions
 * instead of cancelling them); the client's handling of it is proven against a stub (CounterClientRetryTest).
 */
class CounterClientE2ETest {
    private static final String COGNITO_POOL = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example";
    /** 10:00:30 UTC: 30 s into a minute, so a 60 s window has 30 s left. */
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

    private static LocalRuntime iam;
    private static LocalRuntime apiKey;
    private static LocalRuntime open;
    private static MutableClock apiKeyClock;
    private static MutableClock openClock;

    @BeforeAll
    static void start() {
        iam = Runtimes.shared(Synthesized.E2E, null);
        apiKeyClock = new MutableClock(NOW);
        apiKey = ClientRuntimes.start(ClientRuntimes.limitedApiKeyTemplate(), true, apiKeyClock);
        openClock = new MutableClock(NOW);
        open = ClientRuntimes.start(ClientRuntimes.limitedApiKeyTemplate(), false, openClock);
    }

    @AfterAll
    static void stop() {
        apiKey.close();
        open.close();
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static StaticCredentialsProvider localCredentials(String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalRuntime.DEFAULT_ACCESS_KEY, secret));
    }

    /** A client of the IAM runtime that returns values (no automatic keys) and records its waits. */
    private static CounterClient.Builder iamClient(RecordingSleeper waits) {
        return CounterClient.builder().endpoint(iam.baseUrl().toString())
                .auth(Auth.iam(localCredentials(LocalRuntime.DEFAULT_SECRET_KEY)))
                .autoIdempotencyKeys(false).sleeper(waits).retryPolicy(RetryPolicy.defaults().withJitter(0));
    }

    private static CounterClient iamClient() {
        return iamClient(new RecordingSleeper()).build();
    }

    // ---- routes -------------------------------------------------------------------------------------------

    @Test
    void getOfACounterThatNeverExistedIsNotFound() {
        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> iamClient().get(fresh("nope")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.errorCode()).contains("NotFound");
    }

    @Test
    void incrementCreatesOnFirstUseAndReturnsValueAndPrevious() {
        CounterClient client = iamClient();
        String name = fresh("likes");
        UpdateResult first = client.increment(name);
        assertThat(first.name()).isEqualTo(name);
        assertThat(first.value()).contains(BigDecimal.ONE);
        assertThat(first.previous()).contains(BigDecimal.ZERO);
        assertThat(first.idempotencyKey()).isEmpty();
        UpdateResult second = client.increment(name, 41);
        assertThat(second.value()).contains(BigDecimal.valueOf(42));
        assertThat(second.previous()).contains(BigDecimal.ONE);
        assertThat(client.get(name)).isEqualTo(new Counter(name, BigDecimal.valueOf(42)));
    }

    @Test
    void decimalAmountsStayExact() {
        CounterClient client = iamClient();
        String name = fresh("donations");
        client.increment(name, new BigDecimal("0.1"));
        client.increment(name, new BigDecimal("0.2"));
        UpdateResult r = client.increment(name, new BigDecimal("12345678901234567890.123456789"));
        assertThat(r.value().orElseThrow()).isEqualByComparingTo("12345678901234567890.423456789");
        assertThat(client.decrement(name, new BigDecimal("0.023456789")).value().orElseThrow())
                .isEqualByComparingTo("12345678901234567890.4");
    }

    @Test
    void boundsRefuseWithTheCurrentValueAndChangeNothing() {
        CounterClient client = iamClient();
        String name = fresh("credits");
        client.increment(name, IncrementRequest.by(8).max(10));
        LimitExceededException over = catchThrowableOfType(LimitExceededException.class,
                () -> client.increment(name, IncrementRequest.by(3).max(10)));
        assertThat(over.value()).isEqualByComparingTo("8");
        assertThat(over.isWindow()).isFalse();
        assertThat(over.statusCode()).isEqualTo(409);

        assertThat(client.decrement(name, DecrementRequest.by(8).min(0)).value()).contains(BigDecimal.ZERO);
        LimitExceededException under = catchThrowableOfType(LimitExceededException.class,
                () -> client.decrement(name, DecrementRequest.by(1).min(0)));
        assertThat(under.value()).isEqualByComparingTo("0");
        assertThat(client.decrement(name, 3).value()).contains(BigDecimal.valueOf(-3));
        assertThat(client.get(name).value()).isEqualByComparingTo("-3");
    }

    @Test
    void setAndCompareAndSet() {
        CounterClient client = iamClient();
        String name = fresh("stock");
        assertThat(client.set(name, 10).value()).contains(BigDecimal.TEN);
        assertThat(client.set(name, SetRequest.value(new BigDecimal("11.5")).expected(10)).value())
                .contains(new BigDecimal("11.5"));
        ExpectedValueMismatchException e = catchThrowableOfType(ExpectedValueMismatchException.class,
                () -> client.set(name, SetRequest.value(0).expected(10)));
        assertThat(e.value()).isEqualByComparingTo("11.5");
        assertThat(e.errorCode()).contains("ExpectedValueMismatch");
        assertThat(client.get(name).value()).isEqualByComparingTo("11.5");
    }

    @Test
    void nextHandsOutIdRanges() {
        CounterClient client = iamClient();
        String name = fresh("members");
        NextResult one = client.next(name);
        assertThat(one.first()).isEqualByComparingTo("1");
        assertThat(one.last()).isEqualByComparingTo("1");
        NextResult ten = client.next(name, 10);
        assertThat(ten.first()).isEqualByComparingTo("2");
        assertThat(ten.last()).isEqualByComparingTo("11");
        assertThat(ten.replayed()).isFalse();
    }

    @Test
    void deleteRemovesTheCounterAndIsIdempotent() {
        CounterClient client = iamClient();
        String name = fresh("gone");
        client.increment(name);
        client.delete(name);
        assertThatThrownBy(() -> client.get(name)).isInstanceOf(NotFoundException.class);
        client.delete(name);
    }

    @Test
    void anyTextIsACounterName() {
        CounterClient client = iamClient();
        for (String name : List.of("a b/c?d#e%f+g", "zähler-€-" + UUID.randomUUID(), "..",
                "a\",\"UpdateExpression\":\"SET #v = :by", "tab\tand\nnewline")) {
            client.delete(name);
            UpdateResult r = client.increment(name, 2);
            assertThat(r.name()).isEqualTo(name);
            assertThat(client.get(name)).isEqualTo(new Counter(name, BigDecimal.valueOf(2)));
            client.delete(name);
        }
    }

    @Test
    void shardedCountersSumExactlyAndTheirShardsAreDeleted() {
        CounterClient client = iamClient();
        String name = fresh("views");
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            ShardIncrement s = client.shardedIncrement(name, 2);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.shard()).isBetween(0, 9);
            assertThat(s.shardValue()).isPositive();
            shards.add(s.shard());
        }
        client.shardedIncrement(name, new BigDecimal("0.25"));
        assertThat(client.shardedTotal(name).value()).isEqualByComparingTo("12.25");
        assertThat(client.shardedTotal(name).shards()).isGreaterThanOrEqualTo(shards.size());
        assertThatThrownBy(() -> client.get(name)).as("the plain counter is another item")
                .isInstanceOf(NotFoundException.class);

        client.deleteShards(name);
        assertThatThrownBy(() -> client.shardedTotal(name)).isInstanceOf(NotFoundException.class);
        client.deleteShards(name);
    }

    @Test
    void aRateLimitWindowCountsUntilFullThenTellsWhenItResets() {
        CounterClient client = CounterClient.builder().endpoint(open.baseUrl().toString()).auth(Auth.none())
                .sleeper(new RecordingSleeper()).build();  // automatic keys on: a window never gets one
        String name = fresh("login");
        IncrementRequest attempt = IncrementRequest.by(1).max(2).window(Duration.ofSeconds(60));
        UpdateResult first = client.increment(name, attempt);
        RateWindow window = new RateWindow(Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-11-23T10:01:00Z"), BigDecimal.valueOf(2));
        assertThat(first.window()).contains(window);
        assertThat(first.value()).contains(BigDecimal.ONE);
        assertThat(first.idempotencyKey()).isEmpty();
        assertThat(client.increment(name, attempt).value()).contains(BigDecimal.valueOf(2));

        LimitExceededException full = catchThrowableOfType(LimitExceededException.class,
                () -> client.increment(name, attempt));
        assertThat(full.isWindow()).isTrue();
        assertThat(full.value()).isEqualByComparingTo("2");
        assertThat(full.limit()).contains(BigDecimal.valueOf(2));
        assertThat(full.resetAt()).contains(window.resetAt());
        assertThat(full.retryAfter()).contains(Duration.ofSeconds(30));

        openClock.advance(Duration.ofSeconds(30));  // the next window
        assertThat(client.increment(name, attempt).value()).contains(BigDecimal.ONE);
    }

    // ---- idempotency ----------------------------------------------------------------------------------------

    @Test
    void automaticKeysApplyAnUpdateOnceAndAnswerWithoutAValue() {
        CounterClient client = CounterClient.builder().endpoint(iam.baseUrl().toString())
                .auth(Auth.iam(localCredentials(LocalRuntime.DEFAULT_SECRET_KEY))).build();
        String name = fresh("orders");
        UpdateResult r = client.increment(name, 5);
        assertThat(r.value()).isEmpty();
        assertThat(r.replayed()).isFalse();
        assertThat(r.idempotencyKey().orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(client.decrement(name, 2).idempotencyKey()).isPresent().isNotEqualTo(r.idempotencyKey());
        assertThat(client.set(name, SetRequest.value(9).expected(3)).value()).isEmpty();
        assertThat(client.get(name).value()).isEqualByComparingTo("9");
    }

    @Test
    void aRepeatedKeyIsAReplayAndAnotherRequestWithItIsRefused() {
        CounterClient client = iamClient();
        String name = fresh("payments");
        IncrementRequest pay = IncrementRequest.by(5).idempotencyKey("pay-" + UUID.randomUUID());
        assertThat(client.increment(name, pay).replayed()).isFalse();
        UpdateResult again = client.increment(name, pay);
        assertThat(again.replayed()).isTrue();
        assertThat(again.idempotencyKey()).isEqualTo(pay.idempotencyKey());
        assertThat(client.get(name).value()).isEqualByComparingTo("5");

        IdempotencyKeyReusedException reused = catchThrowableOfType(IdempotencyKeyReusedException.class,
                () -> client.increment(name, IncrementRequest.by(6).idempotencyKey(pay.idempotencyKey().get())));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(client.get(name).value()).isEqualByComparingTo("5");
    }

    @Test
    void anIdempotentNextNeedsAPreparedSequenceAndReplaysItsIds() {
        CounterClient client = iamClient();
        String name = fresh("signups");
        NextRequest signup = NextRequest.count(3).idempotencyKey("signup-" + UUID.randomUUID());
        assertThatThrownBy(() -> client.next(name, signup)).isInstanceOf(SequenceNotPreparedException.class);
        assertThatThrownBy(() -> client.get(name)).as("nothing was reserved").isInstanceOf(NotFoundException.class);

        client.set(name, 0);
        NextResult first = client.next(name, signup);
        assertThat(first.first()).isEqualByComparingTo("1");
        assertThat(first.last()).isEqualByComparingTo("3");
        assertThat(first.replayed()).isFalse();
        NextResult replay = client.next(name, signup);
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.first()).isEqualByComparingTo("1");
        assertThat(replay.last()).isEqualByComparingTo("3");
        assertThatThrownBy(() -> client.next(name, NextRequest.count(2).idempotencyKey(signup.idempotencyKey().get())))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(client.get(name).value()).isEqualByComparingTo("3");
    }

    @Test
    void aRetryStormThroughTheClientCountsEachLogicalCallOnce() throws Exception {
        RecordingSleeper waits = new RecordingSleeper();
        // ConcurrentUpdate is retried with the same key; recorded waits make the retries immediate
        CounterClient client = iamClient(waits).retryPolicy(RetryPolicy.defaults().withMaxAttempts(200)).build();
        String name = fresh("storm");
        int keys = 10;
        int copies = 6;
        List<String> keyList = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyList.add(UUID.randomUUID().toString());
        }
        AtomicInteger sent = new AtomicInteger();
        List<UpdateResult> results = Race.run(30, keys * copies, () -> client.increment(name,
                IncrementRequest.by(1).idempotencyKey(keyList.get(sent.getAndIncrement() % keys))));
        assertThat(results).filteredOn(r -> !r.replayed()).hasSize(keys);
        assertThat(results).filteredOn(UpdateResult::replayed).hasSize(keys * (copies - 1));
        assertThat(client.get(name).value()).isEqualByComparingTo(BigDecimal.valueOf(keys));
        // DynamoDB Local serializes transactions, so copies are replays rather than ConcurrentUpdate (409) here;
        // any retry there is must have waited the API's Retry-After: 1
        assertThat(waits.waits()).allSatisfy(
                w -> assertThat(w).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aSequenceWhoseItemIsFullIsTooManyIdempotencyKeysAndNotRetried() {
        CounterClient client = CounterClient.builder().endpoint(open.baseUrl().toString()).auth(Auth.none())
                .autoIdempotencyKeys(false).sleeper(new RecordingSleeper()).build();
        String name = fresh("full");
        client.set(name, 7);
        // fill today's map of keys (today by the runtime's clock) up to DynamoDB's 400 KB item limit, as about
        // 2,400 keyed calls in a day would
        long day = openClock.millis() / 1000 / 86400;
        String table = open.model().api().stageVariables().get("tableName");
        open.dynamoDb().client().updateItem(u -> u.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(name), "sk", AttributeValue.fromS("counter")))
                .updateExpression("SET #m.#k = :big")
                .expressionAttributeNames(Map.of("#m", "nextKeys" + day % 4, "#k", "filler"))
                .expressionAttributeValues(Map.of(":big", AttributeValue.fromS("x".repeat(409_480)))));
        long before = client.requestsSent();
        TooManyIdempotencyKeysException e = catchThrowableOfType(TooManyIdempotencyKeysException.class,
                () -> client.next(name, NextRequest.count(1).idempotencyKey(UUID.randomUUID().toString())));
        assertThat(client.requestsSent() - before).as("never retried").isEqualTo(1);
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(1), Duration.ofDays(2));
        assertThat(client.get(name).value()).isEqualByComparingTo("7");
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void invalidRequestsAreBadRequests() {
        CounterClient client = iamClient();
        String name = fresh("bad");
        for (Runnable call : List.<Runnable>of(
                () -> client.increment(name, 0),
                () -> client.decrement(name, new BigDecimal("-1.5")),
                () -> client.next(name, 10_001),
                () -> client.increment("n".repeat(2049)),
                () -> client.increment(name, IncrementRequest.by(1).idempotencyKey("not a valid key!")),
                () -> client.increment(name, IncrementRequest.by(1).max(5).window(Duration.ofSeconds(60))
                        .idempotencyKey("k-1")),
                () -> client.increment(name, IncrementRequest.by(6).max(5).window(Duration.ofSeconds(60))))) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class, call::run);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorMessage()).isPresent();
        }
        assertThatThrownBy(() -> client.get(name)).as("nothing was written").isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        RawResponse r = iamClient().send("POST", CounterClient.counterPath(fresh("m")) + "/increment", "by=1",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.statusCode()).isEqualTo(415);
        CounterApiException e = CounterApiException.from(r);
        assertThat(e).isInstanceOf(UnsupportedMediaTypeException.class);
        assertThat(e.errorCode()).contains("UnsupportedMediaType");
    }

    @Test
    void iamRefusalsAreAccessDeniedWithTheirCodes() {
        String name = fresh("auth");
        CounterClient unsigned = CounterClient.builder().endpoint(iam.baseUrl().toString()).auth(Auth.none()).build();
        CounterClient wrongSecret = iamClient(new RecordingSleeper()).auth(Auth.iam(localCredentials("wrong"))).build();
        CounterClient unknownKey = iamClient(new RecordingSleeper()).auth(Auth.iam(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWN000000000", "x")))).build();
        CounterClient lateClock = iamClient(new RecordingSleeper())
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20))).build();
        Map<CounterClient, String> expected = Map.of(unsigned, "MissingAuthenticationToken",
                wrongSecret, "InvalidSignature", unknownKey, "Forbidden", lateClock, "ExpiredToken");
        expected.forEach((client, code) -> {
            AccessDeniedException e = catchThrowableOfType(AccessDeniedException.class, () -> client.increment(name));
            assertThat(e.errorCode()).contains(code);
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(client.requestsSent()).as("never retried").isEqualTo(1);
        });
        assertThatThrownBy(() -> iamClient().get(name)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void apiKeysThrottlingAndQuotaOfTheUsagePlan() {
        String base = apiKey.baseUrl().toString();
        RecordingSleeper waits = new RecordingSleeper();
        CounterClient noKey = CounterClient.builder().endpoint(base).auth(Auth.none()).build();
        CounterClient wrongKey = CounterClient.builder().endpoint(base).auth(Auth.apiKey("wrong")).build();
        CounterClient client = CounterClient.builder().endpoint(base).auth(Auth.apiKey(LocalRuntime.DEFAULT_API_KEY))
                .autoIdempotencyKeys(false).sleeper(waits).retryPolicy(RetryPolicy.defaults().withJitter(0)).build();
        String name = fresh("keyed");
        for (CounterClient refused : List.of(noKey, wrongKey)) {
            assertThat(catchThrowableOfType(AccessDeniedException.class, () -> refused.increment(name)).errorCode())
                    .contains("InvalidApiKey");
        }

        // the plan: burst 2, 1 request/s, 3 a day; the runtime's clock stands still until moved
        client.increment(name);
        client.increment(name);
        ThrottledException throttled = catchThrowableOfType(ThrottledException.class, () -> client.increment(name));
        assertThat(throttled.errorCode()).contains("Throttled");
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(waits.waits()).as("each retry waited Retry-After")
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

        apiKeyClock.advance(Duration.ofSeconds(1));
        assertThat(client.increment(name).value()).contains(BigDecimal.valueOf(3));
        ThrottledException quota = catchThrowableOfType(ThrottledException.class, () -> client.get(name));
        assertThat(quota.errorCode()).contains("QuotaExceeded");
        assertThat(quota.statusCode()).isEqualTo(429);
        assertThat(quota.retryAfter()).as("a quota says no Retry-After").isEmpty();
        assertThat(waits.waits().subList(3, 6)).as("so the client backs off on its own")
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(client.requestsSent()).isEqualTo(2 + 4 + 1 + 4);
    }

    @Test
    void cognitoTokensGoInTheAuthorizationHeader() {
        LocalRuntime cognito = Runtimes.shared(Map.of("auth", "cognito",
                "cognitoUserPoolArn", COGNITO_POOL), null);
        String name = fresh("cognito");
        CounterClient anonymous = CounterClient.builder().endpoint(cognito.baseUrl().toString()).auth(Auth.none())
                .build();
        AccessDeniedException e = catchThrowableOfType(AccessDeniedException.class, () -> anonymous.increment(name));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.errorCode()).contains("Unauthorized");

        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
        CounterClient alice = CounterClient.builder().endpoint(cognito.baseUrl().toString())
                .auth(Auth.cognito("eyJhbGciOiJub25lIn0." + claims + ".sig")).autoIdempotencyKeys(false).build();
        assertThat(alice.increment(name).value()).contains(BigDecimal.ONE);
    }

    // ---- server-side failures -------------------------------------------------------------------------------

    @Test
    void dynamoDbThrottlingIsRetriedAfterRetryAfterThenThrown() {
        RecordingSleeper waits = new RecordingSleeper();
        CounterClient client = iamClient(waits)
                .endpoint(Runtimes.shared(Synthesized.E2E, "throttle:1.0").baseUrl().toString())
                .build();
        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> client.increment(fresh("hot")));
        assertThat(e.errorCode()).contains("Throttled");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(client.requestsSent()).isEqualTo(4);
        assertThat(waits.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void aThrottledTransactionOfAnIdempotentUpdateIsThrottledToo() {
        RecordingSleeper waits = new RecordingSleeper();
        CounterClient client = iamClient(waits).autoIdempotencyKeys(true)
                .endpoint(Runtimes.shared(Synthesized.E2E, "transaction-throttled:1.0").baseUrl().toString()).build();
        ThrottledException e = catchThrowableOfType(ThrottledException.class, () -> client.increment(fresh("tx")));
        assertThat(e.errorCode()).contains("Throttled");
        assertThat(client.requestsSent()).isEqualTo(4);
        assertThat(waits.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void dynamoDbFailuresAreRetriedOnlyWhereARepeatCannotCountTwice() {
        LocalRuntime failing = Runtimes.shared(Synthesized.E2E, "internal:1.0");
        RecordingSleeper waits = new RecordingSleeper();
        CounterClient plain = iamClient(waits).endpoint(failing.baseUrl().toString()).build();
        CounterClient keyed = iamClient(waits).endpoint(failing.baseUrl().toString()).autoIdempotencyKeys(true)
                .build();
        String name = fresh("down");

        ServiceUnavailableException read = catchThrowableOfType(ServiceUnavailableException.class,
                () -> plain.get(name));
        assertThat(read.errorCode()).contains("ServiceUnavailable");
        assertThat(read.rawBody()).doesNotContain("InternalServerError");
        assertThat(plain.requestsSent()).as("a read is retried").isEqualTo(4);

        assertThatThrownBy(() -> plain.increment(name)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(plain.requestsSent()).as("an unkeyed increment is not").isEqualTo(5);
        assertThatThrownBy(() -> plain.next(name)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(plain.requestsSent()).as("nor a next without a key").isEqualTo(6);

        assertThatThrownBy(() -> keyed.increment(name)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(keyed.requestsSent()).as("an increment with a key is").isEqualTo(4);
    }

    @Test
    void anErrorDynamoDbIsNotExpectedToSendIsAnInternalError() {
        // a runtime whose table is gone: DynamoDB answers ResourceNotFoundException, which no template expects
        try (LocalRuntime broken = ClientRuntimes.start(ClientRuntimes.limitedApiKeyTemplate(), false,
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            String table = broken.model().api().stageVariables().get("tableName");
            broken.dynamoDb().client().deleteTable(d -> d.tableName(table));
            CounterClient client = CounterClient.builder().endpoint(broken.baseUrl().toString()).auth(Auth.none())
                    .sleeper(new RecordingSleeper()).build();
            ServerErrorException e = catchThrowableOfType(ServerErrorException.class, () -> client.get("any"));
            assertThat(e).isNotInstanceOf(ServiceUnavailableException.class);
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.errorCode()).contains("InternalError");
            assertThat(e.rawBody()).doesNotContain(table);
            assertThat(client.requestsSent()).as("not retried").isEqualTo(1);
        }
    }
}
