package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** No lost updates and bounds that hold under a race: many clients at once against one counter. */
class ConcurrencyE2ETest {
    private static final int CLIENTS = 50;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        LocalRuntime runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static <T> List<T> race(int calls, Callable<T> call) throws Exception {
        return Race.run(CLIENTS, calls, call);
    }

    @Test
    void concurrentNextCallsGetDistinctIdsWithNoGap() throws Exception {
        String name = "members-" + UUID.randomUUID();
        int calls = 500;
        List<ApiClient.Response> responses = race(calls, () -> api.send("POST", "/counters/" + name + "/next", "{}"));
        Set<Integer> ids = new TreeSet<>();
        for (ApiClient.Response r : responses) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("first").asInt()).isEqualTo(r.json().get("value").asInt());
            ids.add(r.json().get("value").asInt());
        }
        assertThat(ids).hasSize(calls);
        assertThat(ids.iterator().next()).isEqualTo(1);
        assertThat(((TreeSet<Integer>) ids).last()).isEqualTo(calls);
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").asInt()).isEqualTo(calls);
    }

    @Test
    void concurrentBlocksOfIdsNeverOverlap() throws Exception {
        String name = "orders-" + UUID.randomUUID();
        AtomicInteger turn = new AtomicInteger();
        List<ApiClient.Response> responses = race(200, () -> {
            int count = 1 + turn.getAndIncrement() % 7;
            return api.send("POST", "/counters/" + name + "/next", "{\"count\": " + count + "}");
        });
        Set<Integer> ids = new TreeSet<>();
        int total = 0;
        for (ApiClient.Response r : responses) {
            assertThat(r.status()).isEqualTo(200);
            for (int id = r.json().get("first").asInt(); id <= r.json().get("value").asInt(); id++) {
                assertThat(ids.add(id)).as("id %d handed out twice", id).isTrue();
                total++;
            }
        }
        assertThat(ids).hasSize(total);
        assertThat(((TreeSet<Integer>) ids).last()).isEqualTo(total);
    }

    @Test
    void mixedIncrementsAndDecrementsSumExactly() throws Exception {
        String name = "mixed-" + UUID.randomUUID();
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger expected = new AtomicInteger();
        List<ApiClient.Response> responses = race(400, () -> {
            int i = turn.getAndIncrement();
            int by = 1 + i % 13;
            boolean up = i % 3 != 0;
            expected.addAndGet(up ? by : -by);
            return api.send("POST", "/counters/" + name + (up ? "/increment" : "/decrement"), "{\"by\": " + by + "}");
        });
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").asInt()).isEqualTo(expected.get());
    }

    @Test
    void aStockOf100SellsExactly100Of300ConcurrentOrders() throws Exception {
        String name = "stock-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 100}").status()).isEqualTo(200);
        List<ApiClient.Response> responses = race(300,
                () -> api.send("POST", "/counters/" + name + "/decrement", "{\"min\": 0}"));
        long sold = responses.stream().filter(r -> r.status() == 200).count();
        long refused = responses.stream().filter(r -> r.status() == 409).count();
        assertThat(sold).isEqualTo(100);
        assertThat(refused).isEqualTo(200);
        assertThat(responses).filteredOn(r -> r.status() == 200)
                .allSatisfy(r -> assertThat(r.json().get("value").asInt()).isBetween(0, 99));
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.json().get("error").asText()).isEqualTo("LimitExceeded"));
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").asInt()).isZero();
    }
}
