package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DELETE /counters/{name}/shards removes every shard item of a sharded counter, including shards beyond the current
 * shardCount (written when it was higher), in one transaction; it is idempotent, and the plain counter of the same
 * name is another item that it leaves alone.
 */
class DeleteShardsE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static List<Map<String, AttributeValue>> items(String name) {
        String table = runtime.model().api().stageVariables().get("tableName");
        return runtime.dynamoDb().client().query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name)))).items();
    }

    @Test
    void everyShardGoesAndThePlainCounterStays() {
        String name = "page-views-" + UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            assertThat(api.send("POST", "/counters/" + name + "/shards/increment", "").status()).isEqualTo(200);
        }
        // a shard written while shardCount was higher than today's 10
        String table = runtime.model().api().stageVariables().get("tableName");
        runtime.dynamoDb().client().putItem(p -> p.tableName(table).item(Map.of("pk", AttributeValue.fromS(name),
                "sk", AttributeValue.fromS("shard#57"), "value", AttributeValue.fromN("5"))));
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 3}").status()).isEqualTo(200);
        assertThat(api.send("GET", "/counters/" + name + "/shards", null).json().get("value").asInt())
                .isEqualTo(35);

        ApiClient.Response deleted = api.send("DELETE", "/counters/" + name + "/shards", null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.send("GET", "/counters/" + name + "/shards", null).status()).isEqualTo(404);
        assertThat(items(name)).singleElement()
                .satisfies(item -> assertThat(item.get("sk").s()).isEqualTo("counter"));
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").asInt()).isEqualTo(3);

        assertThat(api.send("DELETE", "/counters/" + name + "/shards", null).status()).isEqualTo(204);
    }
}
