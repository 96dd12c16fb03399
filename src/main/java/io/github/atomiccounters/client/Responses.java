package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Reads the success answers of the routes into their records; an answer without its fields is unexpected. */
final class Responses {
    private Responses() {
    }

    static Counter counter(RawResponse r) {
        JsonNode json = object(r);
        return new Counter(text(r, json, "name"), number(r, json, "value"));
    }

    static UpdateResult update(RawResponse r) {
        JsonNode json = object(r);
        Optional<String> key = Json.text(json, "idempotencyKey");
        Optional<BigDecimal> value = Json.decimal(json, "value");
        if (key.isEmpty() && value.isEmpty()) {
            throw new UnexpectedResponseException(r);  // without a key an update always returns its value
        }
        Optional<RateWindow> window = Optional.ofNullable(json.get("window")).filter(JsonNode::isObject)
                .map(w -> new RateWindow(Instant.ofEpochSecond(number(r, w, "start").longValue()),
                        Instant.ofEpochSecond(number(r, w, "resetAt").longValue()), number(r, w, "limit")));
        return new UpdateResult(text(r, json, "name"), value, Json.decimal(json, "previous"), window, key,
                json.path("replayed").asBoolean(false));
    }

    static NextResult next(RawResponse r) {
        JsonNode json = object(r);
        return new NextResult(text(r, json, "name"), number(r, json, "first"), number(r, json, "value"),
                Json.text(json, "idempotencyKey"), json.path("replayed").asBoolean(false));
    }

    static ShardIncrement shardIncrement(RawResponse r) {
        JsonNode json = object(r);
        return new ShardIncrement(text(r, json, "name"), integer(r, json, "shard"),
                number(r, json, "shardValue"));
    }

    static ShardedTotal shardedTotal(RawResponse r) {
        JsonNode json = object(r);
        return new ShardedTotal(text(r, json, "name"), number(r, json, "value"),
                integer(r, json, "shards"));
    }

    /** 204 No Content, as deletes answer. */
    static Void noContent(RawResponse r) {
        if (r.statusCode() != 204) {
            throw new UnexpectedResponseException(r);
        }
        return null;
    }

    private static JsonNode object(RawResponse r) {
        return r.json().filter(JsonNode::isObject).orElseThrow(() -> new UnexpectedResponseException(r));
    }

    private static String text(RawResponse r, JsonNode json, String field) {
        return Json.text(json, field).orElseThrow(() -> new UnexpectedResponseException(r));
    }

    private static int integer(RawResponse r, JsonNode json, String field) {
        try {
            return number(r, json, field).intValueExact();
        } catch (ArithmeticException notAnInt) {
            throw new UnexpectedResponseException(r);
        }
    }

    private static BigDecimal number(RawResponse r, JsonNode json, String field) {
        return Json.decimal(json, field).orElseThrow(() -> new UnexpectedResponseException(r));
    }
}
