package io.github.atomiccounters.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A counter's whole life through every route, for names that stress escaping (slashes, quotes, backslashes,
 * apostrophes, non-ASCII, an emoji, JSON and VTL syntax): each answer names the counter exactly as sent, and the
 * values are right. These exchanges are also recorded for AlternativeSemanticsIT, which re-renders them under every
 * reading of escapeJavaScript, header names and the rest.
 */
class NameRoundTripE2ETest {
    private static ApiClient api;

    @BeforeAll
    static void start() {
        LocalRuntime runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static String path(String name) {
        return "/counters/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode ok(ApiClient.Response r, String name) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("name").asText()).isEqualTo(name);
        return r.json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a/b", "caf\u00e9-\u00fc\u00df", "quote\"name", "back\\slash", "apos'trophe",
            "space name", "emoji\ud83d\ude00", "{\"S\": \"x\"}", "$input.body #set($x = 1)", "tab\there",
            "</script>", "100%"})
    void aCounterLivesThroughEveryRouteUnderItsExactName(String base) {
        String name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        assertThat(ok(api.send("PUT", path(name), "{\"value\": 5}"), name).get("value").asInt()).isEqualTo(5);
        assertThat(ok(api.send("POST", path(name) + "/increment", "{\"by\": \"2.50\", \"max\": 100}"), name)
                .get("value").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(ok(api.send("POST", path(name) + "/decrement", "{\"by\": \"0.5\", \"min\": 0}"), name)
                .get("value").asInt()).isEqualTo(7);
        JsonNode ids = ok(api.send("POST", path(name) + "/next", "{\"count\": 3}", Map.of("Idempotency-Key", key),
                true), name);
        assertThat(ids.get("first").asInt()).isEqualTo(8);
        assertThat(ids.get("value").asInt()).isEqualTo(10);
        JsonNode replay = ok(api.send("POST", path(name) + "/next", "{\"count\": 3}",
                Map.of("Idempotency-Key", key), true), name);
        assertThat(replay.get("replayed").asBoolean()).isTrue();
        assertThat(replay.get("first").asInt()).isEqualTo(8);
        assertThat(ok(api.send("GET", path(name), null), name).get("value").asInt()).isEqualTo(10);
        ok(api.send("POST", path(name) + "/shards/increment", "{\"by\": 4}"), name);
        ok(api.send("POST", path(name) + "/shards/increment", ""), name);
        assertThat(ok(api.send("GET", path(name) + "/shards", null), name).get("value").asInt()).isEqualTo(5);
        assertThat(api.send("DELETE", path(name), null).status()).isEqualTo(204);
        ApiClient.Response gone = api.send("GET", path(name), null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message").asText()).contains(name);
    }
}
