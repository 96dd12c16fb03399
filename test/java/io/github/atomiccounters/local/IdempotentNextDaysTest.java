package io.github.atomiccounters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idempotent next remembers its key until the end of the next UTC day (request/next.vtl), on a clock the test
 * moves: the four maps of keys on the counter item rotate, and a key is honoured for 24 to 48 hours.
 */
class IdempotentNextDaysTest {
    /** A UTC midnight whose day number is a multiple of 4: day D uses map nextKeys0, D+1 nextKeys1, ... */
    private static final long DAY = 4 * 5110;
    private static final Instant MIDNIGHT = Instant.ofEpochSecond(DAY * 86400);

    private static final MutableClock CLOCK = new MutableClock(MIDNIGHT);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = Runtimes.start(Synthesized.DEFAULT, o -> o.withAuth(false), CLOCK);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static void at(int day, int hour, int minute) {
        CLOCK.set(MIDNIGHT.plus(Duration.ofDays(day).plusHours(hour).plusMinutes(minute)));
    }

    private static JsonNode send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json;
    }

    private static String table() {
        return runtime.model().api().stageVariables().get("tableName");
    }

    private static Map<String, AttributeValue> key(String name) {
        return Map.of("pk", AttributeValue.fromS(name), "sk", AttributeValue.fromS("counter"));
    }

    private static Map<String, AttributeValue> keysOfDay(String name, int day) {
        return runtime.dynamoDb().client().getItem(g -> g.tableName(table()).key(key(name)).consistentRead(true))
                .item().get("nextKeys" + (DAY + day) % 4).m();
    }

    /** A left-over entry in the map of a day, as if a key had been written there four days earlier. */
    private static void plantStaleKey(String name, int day) {
        runtime.dynamoDb().client().updateItem(u -> u.tableName(table()).key(key(name))
                .updateExpression("SET #m.#k = :c")
                .expressionAttributeNames(Map.of("#m", "nextKeys" + (DAY + day) % 4, "#k", "stale"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("1"))));
    }

    @Test
    void aKeyIsHonouredUntilTheEndOfTheNextUtcDayAndOldMapsAreEmptied() throws Exception {
        String name = "days-" + System.nanoTime();
        at(0, 10, 0);
        send("PUT", "/counters/" + name, "{\"value\": 0}", null);
        JsonNode first = send("POST", "/counters/" + name + "/next", "{\"count\": 2}", "signup-1");
        assertThat(first.get("first").asInt()).isEqualTo(1);
        assertThat(keysOfDay(name, 0)).containsOnlyKeys("signup-1", "signup-1 first");

        // 37 hours later, yesterday's map still has the key: a replay with the first call's ids
        at(1, 23, 0);
        JsonNode replay = send("POST", "/counters/" + name + "/next", "{\"count\": 2}", "signup-1");
        assertThat(replay.get("replayed").asBoolean()).isTrue();
        assertThat(replay.get("first").asInt()).isEqualTo(1);
        assertThat(replay.get("value").asInt()).isEqualTo(2);

        // two days on, the key is forgotten: the same request reserves new ids, and day 0's map is emptied
        plantStaleKey(name, 3);
        at(2, 0, 10);
        JsonNode again = send("POST", "/counters/" + name + "/next", "{\"count\": 2}", "signup-1");
        assertThat(again.get("replayed").asBoolean()).isFalse();
        assertThat(again.get("first").asInt()).isEqualTo(3);
        assertThat(keysOfDay(name, 0)).isEmpty();
        assertThat(keysOfDay(name, 3)).as("tomorrow's map, four days old").isEmpty();
        assertThat(keysOfDay(name, 2)).containsOnlyKeys("signup-1", "signup-1 first");
    }

    @Test
    void inTheLastFiveMinutesOfADayTomorrowsMapIsLeftAlone() throws Exception {
        String name = "midnight-" + System.nanoTime();
        at(0, 12, 0);
        send("PUT", "/counters/" + name, "{\"value\": 0}", null);
        plantStaleKey(name, 1);
        plantStaleKey(name, 2);
        at(0, 23, 56);
        send("POST", "/counters/" + name + "/next", "{}", "late");
        // a request stamped just after midnight may already have written tomorrow's map
        assertThat(keysOfDay(name, 1)).containsOnlyKeys("stale");
        assertThat(keysOfDay(name, 2)).isEmpty();
        at(0, 23, 54);
        send("POST", "/counters/" + name + "/next", "{}", "earlier");
        assertThat(keysOfDay(name, 1)).isEmpty();
        assertThat(keysOfDay(name, 0)).containsOnlyKeys("late", "late first", "earlier", "earlier first");
    }
}
