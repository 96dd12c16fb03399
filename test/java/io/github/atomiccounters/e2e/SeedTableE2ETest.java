package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed blog's own table: donation-data, keys context/id, the counter atomicCounter at id=id, its value in
 * counterValue. Every route works on it and writes that attribute, not "value".
 */
class SeedTableE2ETest {
    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Map.of("existingTableName", "donation-data",
                "partitionKey", "context", "sortKey", "id", "sortKeyValue", "id", "valueAttribute", "counterValue",
                "throttleRate", "100000", "throttleBurst", "100000"), null);
        api = new ApiClient(runtime);
    }

    private static Map<String, AttributeValue> item(String name) {
        return runtime.dynamoDb().client().getItem(g -> g.tableName("donation-data").consistentRead(true)
                .key(Map.of("context", AttributeValue.fromS(name), "id", AttributeValue.fromS("id")))).item();
    }

    @Test
    void theSeedCounterHandsOutMemberIdsInCounterValue() {
        String name = "atomicCounter-" + UUID.randomUUID();
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": 0}").status()).isEqualTo(200);
        for (int id = 1; id <= 3; id++) {
            ApiClient.Response next = api.send("POST", "/counters/" + name + "/next", null);
            assertThat(next.status()).as(next.body()).isEqualTo(200);
            assertThat(next.json().get("first").asInt()).isEqualTo(id);
        }
        ApiClient.Response keyed = api.send("POST", "/counters/" + name + "/next", "{\"count\": 2}",
                Map.of("Idempotency-Key", "signup-1"), true);
        assertThat(keyed.json().get("value").asInt()).isEqualTo(5);
        ApiClient.Response donation = api.send("POST", "/counters/" + name + "/increment",
                "{\"by\": \"12.50\", \"max\": 100}");
        assertThat(donation.json().get("value").decimalValue()).isEqualByComparingTo("17.5");
        assertThat(api.send("POST", "/counters/" + name + "/increment", "{\"by\": 90, \"max\": 100}").json()
                .get("value").decimalValue()).isEqualByComparingTo("17.5");
        assertThat(api.send("GET", "/counters/" + name, null).json().get("value").decimalValue())
                .isEqualByComparingTo("17.5");

        Map<String, AttributeValue> item = item(name);
        assertThat(new java.math.BigDecimal(item.get("counterValue").n())).isEqualByComparingTo("17.5");
        assertThat(item).doesNotContainKey("value");
    }

    @Test
    void shardsAndWindowsKeepTheirCountInCounterValueToo() {
        String name = "likes-" + UUID.randomUUID();
        api.send("POST", "/counters/" + name + "/shards/increment", "{\"by\": 2}");
        assertThat(api.send("GET", "/counters/" + name + "/shards", null).json().get("value").asInt()).isEqualTo(2);
        ApiClient.Response window = api.send("POST", "/counters/" + name + "/increment",
                "{\"window\": 60, \"max\": 1}");
        assertThat(window.json().get("value").asInt()).isEqualTo(1);
        ApiClient.Response full = api.send("POST", "/counters/" + name + "/increment",
                "{\"window\": 60, \"max\": 1}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("value").asInt()).isEqualTo(1);
        assertThat(runtime.dynamoDb().client().query(q -> q.tableName("donation-data").consistentRead(true)
                .keyConditionExpression("#c = :n").expressionAttributeNames(Map.of("#c", "context"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name)))).items())
                .isNotEmpty().allSatisfy(i -> assertThat(i).containsKey("counterValue").doesNotContainKey("value"));
    }
}
