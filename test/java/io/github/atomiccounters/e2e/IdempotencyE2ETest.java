package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key on increment, decrement, set and next: a repeat within 24 h is a replay that changes nothing;
 * next's replay answers the ids its first call reserved. The runtime's clock is set by the tests (noon on
 * {@link MutableClock#DAY} unless a test moves it), so expiry times and day maps are exact; crossing a UTC
 * midnight: {@link AcrossUtcMidnightE2ETest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyE2ETest {
    private static final Instant NOON = MutableClock.DAY.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);

    private final MutableClock clock = new MutableClock(NOON);
    private LocalRuntime runtime;
    private ApiClient api;

    @BeforeAll
    void start() {
        runtime = Runtimes.start(Synthesized.E2E, clock);
        api = new ApiClient(runtime, clock);
    }

    @AfterAll
    void stop() {
        runtime.close();
    }

    @BeforeEach
    void noon() {
        clock.set(NOON);
    }

    private ApiClient.Response send(String method, String path, String body, String key) {
        return api.send(method, path, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private int value(String name) {
        ApiClient.Response r = api.send("GET", "/counters/" + name, null);
        return r.status() == 404 ? 0 : r.json().get("value").asInt();
    }

    private String table() {
        return Items.table(runtime);
    }

    private List<Map<String, AttributeValue>> items(String name) {
        return Items.of(runtime, name);
    }

    @Test
    void aRepeatIsAReplayThatChangesNothingAndAnotherBodyWithTheSameKeyIs409() {
        String name = "orders-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = send("POST", "/counters/" + name + "/increment", "{\"by\": 5}", key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("replayed").asBoolean()).isFalse();
        assertThat(first.json().get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(value(name)).isEqualTo(5);

        for (int i = 0; i < 3; i++) {
            ApiClient.Response again = send("POST", "/counters/" + name + "/increment", "{\"by\": 5}", key);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("replayed").asBoolean()).isTrue();
        }
        assertThat(value(name)).isEqualTo(5);

        ApiClient.Response other = send("POST", "/counters/" + name + "/increment", "{\"by\": 6}", key);
        assertError(other, 409, "IdempotencyKeyReused");
        ApiClient.Response otherRoute = send("POST", "/counters/" + name + "/decrement", "{\"by\": 5}", key);
        assertError(otherRoute, 409, "IdempotencyKeyReused");
        assertThat(value(name)).isEqualTo(5);

        // without a key, the same body counts again; a key is scoped to its counter
        assertThat(send("POST", "/counters/" + name + "/increment", "{\"by\": 5}", null).json().get("value").asInt())
                .isEqualTo(10);
        String elsewhere = "elsewhere-" + UUID.randomUUID();
        assertThat(send("POST", "/counters/" + elsewhere + "/increment", "{\"by\": 5}", key).json()
                .get("replayed").asBoolean()).isFalse();
        assertThat(value(elsewhere)).isEqualTo(5);

        // two markers, expiring 24 h after the request; the counter item itself does not grow
        long now = clock.epochSecond();
        List<Map<String, AttributeValue>> markers = items(name).stream()
                .filter(i -> i.get("sk").s().startsWith("idempotency#")).toList();
        assertThat(markers).extracting(i -> i.get("sk").s()).containsExactlyInAnyOrder("idempotency#" + key,
                "idempotency#" + key + "#/counters/{name}/increment by=5 max=");
        assertThat(markers).allSatisfy(m -> assertThat(m.get("expiresAt").n()).isEqualTo(Long.toString(now + 86400)));
        Map<String, AttributeValue> counter = items(name).stream()
                .filter(i -> i.get("sk").s().equals("counter")).findFirst().orElseThrow();
        assertThat(counter.keySet()).containsExactlyInAnyOrder("pk", "sk", "value", "previous");
    }

    @Test
    void aRefusedUpdateIsNotRememberedSoItsRetryIsEvaluatedAgain() {
        String name = "stock-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 1}").status()).isEqualTo(200);
        assertThat(send("POST", "/counters/" + name + "/decrement", "{\"by\": 1, \"min\": 0}", null).status())
                .isEqualTo(200);
        ApiClient.Response refused = send("POST", "/counters/" + name + "/decrement", "{\"by\": 1, \"min\": 0}", key);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("LimitExceeded");
        assertThat(refused.json().get("value").asInt()).isZero();
        assertThat(items(name)).noneSatisfy(i -> assertThat(i.get("sk").s()).startsWith("idempotency#"));

        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 3}").status()).isEqualTo(200);
        ApiClient.Response retry = send("POST", "/counters/" + name + "/decrement", "{\"by\": 1, \"min\": 0}", key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("replayed").asBoolean()).isFalse();
        assertThat(send("POST", "/counters/" + name + "/decrement", "{\"by\": 1, \"min\": 0}", key).json()
                .get("replayed").asBoolean()).isTrue();
        assertThat(value(name)).isEqualTo(2);
    }

    @Test
    void anIdempotentCompareAndSetIsReplayedNotRefused() {
        String name = "cas-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"value\": 7, \"expected\": 0}";
        assertThat(send("PUT", "/counters/" + name, body, key).json().get("replayed").asBoolean()).isFalse();
        ApiClient.Response again = send("PUT", "/counters/" + name, body, key);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        // without the key the same call is a mismatch: the counter holds 7 now
        assertThat(send("PUT", "/counters/" + name, body, null).status()).isEqualTo(409);
        assertThat(value(name)).isEqualTo(7);
    }

    @Test
    void aKeyIsRememberedFor24HoursAndAnExpiredMarkerCountsAsAbsentEvenBeforeTtlDeletesIt() {
        String name = "expired-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(send("POST", "/counters/" + name + "/increment", null, key).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(24));  // the last second of the 24 h: still a replay
        ApiClient.Response replay = send("POST", "/counters/" + name + "/increment", null, key);
        assertThat(replay.json().get("replayed").asBoolean()).as(replay.body()).isTrue();
        assertThat(value(name)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));  // expired: the markers are still there (no TTL sweep locally)...
        assertThat(items(name)).filteredOn(i -> i.get("sk").s().startsWith("idempotency#")).hasSize(2);
        ApiClient.Response r = send("POST", "/counters/" + name + "/increment", null, key);
        assertThat(r.json().get("replayed").asBoolean()).as(r.body()).isFalse();  // ...but count as absent
        assertThat(value(name)).isEqualTo(2);
        assertThat(items(name)).filteredOn(i -> i.get("sk").s().startsWith("idempotency#"))
                .allSatisfy(m -> assertThat(m.get("expiresAt").n())
                        .isEqualTo(Long.toString(clock.epochSecond() + 86400)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|increment|{\"window\": 60, \"max\": 5}|k-2",
            "POST|increment|{}|bad key with spaces",
            "POST|increment|{}|k\"}]}",
            "POST|next|{}|bad key with spaces",
            "POST|next|{\"count\": 2}|k\", \"#x\": \"y"})
    void windowsAndMalformedKeysAre400AndWriteNothing(String method, String route, String body, String key) {
        String name = "refused-" + UUID.randomUUID();
        ApiClient.Response r = send(method, "/counters/" + name + "/" + route, body, key);
        assertError(r, 400, "BadRequest");
        assertThat(items(name)).isEmpty();
    }

    /** A key is 1 to 100 characters: the longest one is taken on every route that takes one, one more is 400. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"POST|/increment|{}", "POST|/decrement|{}", "PUT|''|{\"value\": 3}",
            "POST|/next|{}"})
    void aKeyOf100CharactersIsTakenAndOneOf101Is400(String method, String route, String body) {
        String name = "long-key-" + UUID.randomUUID();
        if (route.equals("/next")) {
            assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 0}").status()).isEqualTo(200);
        }
        List<Map<String, AttributeValue>> before = items(name);
        String longest = "k".repeat(99) + "9";
        ApiClient.Response tooLong = send(method, "/counters/" + name + route, body, longest + "x");
        assertError(tooLong, 400, "BadRequest");
        assertThat(items(name)).isEqualTo(before);

        ApiClient.Response ok = send(method, "/counters/" + name + route, body, longest);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("idempotencyKey").asText()).isEqualTo(longest);
        assertThat(ok.json().get("replayed").asBoolean()).isFalse();
        ApiClient.Response again = send(method, "/counters/" + name + route, body, longest);
        assertThat(again.json().get("replayed").asBoolean()).as(again.body()).isTrue();
    }

    @Test
    void aRetryStormChangesTheCounterExactlyOncePerKey() throws Exception {
        String name = "storm-" + UUID.randomUUID();
        int keys = 20;
        int copies = 8;
        List<String> keyList = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyList.add(UUID.randomUUID().toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<ApiClient.Response>> futures = new ArrayList<>();
        try {
            for (int c = 0; c < copies; c++) {
                for (String key : keyList) {
                    futures.add(pool.submit(() -> {
                        // a client that retries what the API says is retryable (409 ConcurrentUpdate, which
                        // DynamoDB Local does not produce: AuthAndFaultsE2ETest injects it)
                        for (int attempt = 0; ; attempt++) {
                            ApiClient.Response r = send("POST", "/counters/" + name + "/increment",
                                    "{\"by\": 1}", key);
                            boolean retry = r.status() == 409 && r.json().get("error").asText()
                                    .equals("ConcurrentUpdate");
                            if (!retry || attempt == 50) {
                                return r;
                            }
                            assertThat(r.header("Retry-After")).isEqualTo("1");
                            Thread.sleep(5 + (long) (Math.random() * 20));  // backoff only: decides nothing
                        }
                    }));
                }
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> f : futures) {
                responses.add(f.get());
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            assertThat(responses).filteredOn(r -> !r.json().get("replayed").asBoolean()).hasSize(keys)
                    .extracting(r -> r.json().get("idempotencyKey").asText())
                    .containsExactlyInAnyOrderElementsOf(keyList);
            assertThat(responses).filteredOn(r -> r.json().get("replayed").asBoolean())
                    .hasSize(keys * (copies - 1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(value(name)).isEqualTo(keys);
    }

    private ApiClient.Response next(String name, int count, String key) {
        return send("POST", "/counters/" + name + "/next", "{\"count\": " + count + "}", key);
    }

    private Map<String, AttributeValue> counterItem(String name) {
        return items(name).stream().filter(i -> i.get("sk").s().equals("counter")).findFirst().orElseThrow();
    }

    @Test
    void anIdempotentNextAnswersEveryRetryWithTheIdsOfItsFirstCall() {
        String name = "members-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 0}").status()).isEqualTo(200);

        ApiClient.Response first = next(name, 3, key);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("first").asInt()).isEqualTo(1);
        assertThat(first.json().get("value").asInt()).isEqualTo(3);
        assertThat(first.json().get("replayed").asBoolean()).isFalse();
        assertThat(first.json().get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(next(name, 1, null).json().get("value").asInt()).isEqualTo(4);

        for (int i = 0; i < 3; i++) {
            ApiClient.Response again = next(name, 3, key);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().get("replayed").asBoolean()).isTrue();
            assertThat(again.json().get("first").asInt()).isEqualTo(1);
            assertThat(again.json().get("value").asInt()).isEqualTo(3);
        }
        // the default count is 1: a body without count is another request than {"count": 3}
        for (String body : new String[] {"{\"count\": 2}", "{}"}) {
            ApiClient.Response other = send("POST", "/counters/" + name + "/next", body, key);
            assertThat(other.status()).as(other.body()).isEqualTo(409);
            assertThat(other.json().get("error").asText()).isEqualTo("IdempotencyKeyReused");
        }
        assertThat(value(name)).isEqualTo(4);

        // the key lives in today's map of the counter item: key -> count, "key first" -> first id
        long day = clock.epochSecond() / 86400;
        Map<String, AttributeValue> keys = counterItem(name).get("nextKeys" + day % 4).m();
        assertThat(keys).containsOnlyKeys(key, key + " first");
        assertThat(keys.get(key).s()).isEqualTo("3");
        assertThat(keys.get(key + " first").n()).isEqualTo("1");
    }

    @Test
    void anIdempotentNextOnASequenceThatWasNeverPutIs409AndReservesNothing() {
        String name = "fresh-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ApiClient.Response refused = next(name, 1, key);
        assertError(refused, 409, "SequenceNotPrepared");
        assertThat(items(name)).isEmpty();

        // a sequence in use is prepared without changing it by a compare-and-set to its own value
        assertThat(next(name, 5, null).json().get("value").asInt()).isEqualTo(5);
        assertThat(next(name, 1, key).json().get("error").asText()).isEqualTo("SequenceNotPrepared");
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 5, \"expected\": 5}").status()).isEqualTo(200);
        ApiClient.Response ok = next(name, 1, key);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("first").asInt()).isEqualTo(6);
        assertThat(value(name)).isEqualTo(6);
    }

    @Test
    void aRetryStormOfNextReservesOneRangePerKeyAndAnswersEachCopyWithIt() throws Exception {
        String name = "signups-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 0}").status()).isEqualTo(200);
        int keys = 20;
        int copies = 8;
        List<String> keyList = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyList.add(UUID.randomUUID().toString());
        }
        AtomicInteger sent = new AtomicInteger();
        List<ApiClient.Response> responses = Race.run(40, keys * copies,
                () -> next(name, 2, keyList.get(sent.getAndIncrement() % keys)));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(responses).filteredOn(r -> !r.json().get("replayed").asBoolean()).hasSize(keys);
        Map<String, Set<String>> rangesByKey = new HashMap<>();
        for (ApiClient.Response r : responses) {
            rangesByKey.computeIfAbsent(r.json().get("idempotencyKey").asText(), k -> new HashSet<>())
                    .add(r.json().get("first").asInt() + ".." + r.json().get("value").asInt());
        }
        // every copy of a key saw the same range; the ranges of different keys tile 1..40 without overlap
        assertThat(rangesByKey).hasSize(keys).allSatisfy((k, ranges) -> assertThat(ranges).hasSize(1));
        List<Integer> ids = new ArrayList<>();
        rangesByKey.values().forEach(ranges -> {
            String[] bounds = ranges.iterator().next().split("\\.\\.");
            for (int id = Integer.parseInt(bounds[0]); id <= Integer.parseInt(bounds[1]); id++) {
                ids.add(id);
            }
        });
        assertThat(ids).hasSize(2 * keys).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(1, 40));
        assertThat(value(name)).isEqualTo(2 * keys);
    }

    @Test
    void aSequenceWhoseItemCannotHoldAnotherKeyIs429AndReservesNothing() {
        String name = "full-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 7}").status()).isEqualTo(200);
        // fill today's map of keys up to DynamoDB's 400 KB item limit
        clock.set(NOON.plusSeconds(3 * 3600 + 25));  // 15:00:25, 8 h 59 min 35 s before midnight
        long day = clock.epochSecond() / 86400;
        runtime.dynamoDb().client().updateItem(u -> u.tableName(table())
                .key(Map.of("pk", AttributeValue.fromS(name), "sk", AttributeValue.fromS("counter")))
                .updateExpression("SET #m.#k = :big")
                .expressionAttributeNames(Map.of("#m", "nextKeys" + day % 4, "#k", "filler"))
                .expressionAttributeValues(Map.of(":big", AttributeValue.fromS("x".repeat(409_480)))));

        ApiClient.Response full = next(name, 1, UUID.randomUUID().toString());
        assertError(full, 429, "TooManyIdempotencyKeys");
        // today's map is emptied by the first keyed call of the day after tomorrow: midnight + 24 h from now
        assertThat(full.header("Retry-After")).isEqualTo(Long.toString(86400 + 8 * 3600 + 59 * 60 + 35));
        assertThat(value(name)).isEqualTo(7);
    }

    @Test
    void onATableWithoutASortKeyNextTakesAKeyAndTheUpdatesRefuseOne() {
        LocalRuntime legacy = Runtimes.shared(Synthesized.NO_SORT_KEY, null);
        ApiClient client = new ApiClient(legacy);
        String name = "members-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, String> header = Map.of("Idempotency-Key", key);
        assertThat(client.send("PUT", "/counters/" + name, "{\"value\": 10}").status()).isEqualTo(200);
        ApiClient.Response first = client.send("POST", "/counters/" + name + "/next", "{}", header, true);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("first").asInt()).isEqualTo(11);
        ApiClient.Response again = client.send("POST", "/counters/" + name + "/next", "{}", header, true);
        assertThat(again.json().get("replayed").asBoolean()).as(again.body()).isTrue();
        assertThat(again.json().get("first").asInt()).isEqualTo(11);

        ApiClient.Response increment = client.send("POST", "/counters/" + name + "/increment", "{}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), true);
        assertError(increment, 400, "BadRequest");
        Map<String, AttributeValue> item = legacy.dynamoDb().client().getItem(g -> g.tableName("legacy-counters")
                .key(Map.of("id", AttributeValue.fromS(name))).consistentRead(true)).item();
        assertThat(item.get("value").n()).isEqualTo("11");
    }
}
