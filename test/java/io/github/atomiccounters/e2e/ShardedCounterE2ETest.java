package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.atomiccounters.e2e.AuthAndFaultsE2ETest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Sharded (hot) counters: POST /counters/{name}/shards/increment spreads, GET /counters/{name}/shards sums. */
class ShardedCounterE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static List<Map<String, AttributeValue>> items(String name) {
        return Items.of(runtime, name);
    }

    private static List<ApiClient.Response> race(int calls, java.util.concurrent.Callable<ApiClient.Response> call)
            throws Exception {
        return Race.run(50, calls, call);
    }

    @Test
    void concurrentIncrementsLandOnSeveralShardsAndTheReadSumIsExact() throws Exception {
        String name = "page-views-" + UUID.randomUUID();
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger expected = new AtomicInteger();
        List<ApiClient.Response> responses = race(300, () -> {
            int by = 1 + turn.getAndIncrement() % 5;
            expected.addAndGet(by);
            return api.send("POST", "/counters/" + name + "/shards/increment", "{\"by\": " + by + "}");
        });
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(responses).allSatisfy(r -> assertThat(r.json().get("shard").asInt()).isBetween(0, 9));

        List<Map<String, AttributeValue>> items = items(name);
        assertThat(items).allSatisfy(i -> assertThat(i.get("sk").s()).matches("shard#[0-9]"));
        // 300 random request ids over 10 shards: all 10 are hit unless something pins the shard
        assertThat(items).hasSizeGreaterThanOrEqualTo(8);
        assertThat(items.stream().mapToInt(i -> Integer.parseInt(i.get("value").n())).sum())
                .isEqualTo(expected.get());
        // the answers name the shard that took each write: each shard's last value is its item's value
        for (Map<String, AttributeValue> item : items) {
            int shard = Integer.parseInt(item.get("sk").s().substring("shard#".length()));
            assertThat(responses).filteredOn(r -> r.json().get("shard").asInt() == shard)
                    .extracting(r -> r.json().get("shardValue").asInt())
                    .contains(Integer.parseInt(item.get("value").n()));
        }

        ApiClient.Response read = api.send("GET", "/counters/" + name + "/shards", null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo(name);
        assertThat(read.json().get("value").asInt()).isEqualTo(expected.get());
        assertThat(read.json().get("shards").asInt()).isEqualTo(items.size());
        // the plain counter of the same name is a separate item
        assertThat(api.send("GET", "/counters/" + name, null).status()).isEqualTo(404);
    }

    @Test
    void decimalShardsSumExactly() throws Exception {
        String name = "donations-" + UUID.randomUUID();
        String[] amounts = {"0.1", "0.2", "12.50", "7", "0.005", "99999999999999999999.99", "3.3"};
        BigDecimal expected = BigDecimal.ZERO;
        for (int round = 0; round < 5; round++) {
            for (String a : amounts) {
                expected = expected.add(new BigDecimal(a));
                assertThat(api.send("POST", "/counters/" + name + "/shards/increment", "{\"by\": \"" + a + "\"}")
                        .status()).isEqualTo(200);
            }
        }
        assertThat(items(name).size()).isGreaterThan(1);
        ApiClient.Response read = api.send("GET", "/counters/" + name + "/shards", null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("value").decimalValue()).isEqualByComparingTo(expected);
        assertThat(read.body()).contains(expected.stripTrailingZeros().toPlainString());
    }

    @Test
    void aShardedCounterThatNeverExistedIs404() {
        assertError(api.send("GET", "/counters/nothing-" + UUID.randomUUID() + "/shards", null), 404, "NotFound");
    }

    @Test
    void aDefaultIncrementAddsOne() {
        String name = "clicks-" + UUID.randomUUID();
        assertThat(api.send("POST", "/counters/" + name + "/shards/increment", null).status()).isEqualTo(200);
        assertThat(api.send("POST", "/counters/" + name + "/shards/increment", "{}").status()).isEqualTo(200);
        assertThat(api.send("GET", "/counters/" + name + "/shards", null).json().get("value").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"max\": 10}", "{\"by\": 1, \"min\": 0}", "{\"count\": 2}", "{\"window\": 2, \"max\": 1}",
            "{\"by\": 0}", "{\"by\": 1.5}", "{\"by\": -1}"})
    void boundsSequencesAndBadAmountsAre400AndWriteNothing(String body) {
        String name = "bad-shard-" + UUID.randomUUID();
        assertError(api.send("POST", "/counters/" + name + "/shards/increment", body), 400, "BadRequest");
        assertThat(items(name)).isEmpty();
    }

    /** shardCount is a deployment option (context, construct prop): with 3, writes use shards 0..2 only. */
    @Test
    void withThreeShardsWritesSpreadOverExactlyThoseAndTheReadSumsThem() throws Exception {
        LocalRuntime three = Runtimes.shared(Synthesized.THREE_SHARDS, null);
        ApiClient client = new ApiClient(three);
        String name = "three-" + UUID.randomUUID();
        List<ApiClient.Response> responses = race(120,
                () -> client.send("POST", "/counters/" + name + "/shards/increment", "{\"by\": 2}"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(responses).extracting(r -> r.json().get("shard").asInt()).containsOnly(0, 1, 2);
        assertThat(Items.of(three, name)).extracting(i -> i.get("sk").s())
                .containsExactlyInAnyOrder("shard#0", "shard#1", "shard#2");
        ApiClient.Response read = client.send("GET", "/counters/" + name + "/shards", null);
        assertThat(read.json().get("value").asInt()).as(read.body()).isEqualTo(240);
        assertThat(read.json().get("shards").asInt()).isEqualTo(3);
    }
}
