package io.github.atomiccounters.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A typed client of the atomic-counters HTTP API (v1): one method per route, exact {@link BigDecimal} amounts,
 * typed results, and a {@link CounterApiException} subclass per error code.
 *
 * <pre>{@code
 * CounterClient counters = CounterClient.builder()
 *         .endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/v1")   // stage included
 *         .build();                                                           // IAM, default credentials
 * counters.increment("likes");
 * NextResult ids = counters.next("members", 10);                              // ids.first() .. ids.last()
 * try {
 *     counters.decrement("stock", DecrementRequest.by(1).min(0).idempotencyKey(orderId));
 * } catch (LimitExceededException soldOut) {
 *     // nothing changed; soldOut.value() is the stock left
 * }
 * }</pre>
 *
 * <h2>Retries that never count twice</h2>
 * An answer that says "try again" is retried as {@link RetryPolicy} says (429 and 503 wait {@code Retry-After},
 * capped and with jitter, a bounded number of times), but only when a repeat cannot apply anything twice:
 * <ul>
 *   <li>{@link #get}, {@link #shardedTotal}, {@link #delete} and {@link #deleteShards} are reads or idempotent
 *       deletes: retried on 429, 503 and failed connections.</li>
 *   <li>{@link #increment}, {@link #decrement} and {@link #set} are retried only with an {@code Idempotency-Key},
 *       which every attempt carries. With {@link Builder#autoIdempotencyKeys(boolean) automatic keys} (the
 *       default) the client generates a random key per call when the caller gives none. <b>Consequence:</b> an
 *       update with a key runs in a DynamoDB transaction, which returns no values, so its
 *       {@link UpdateResult#value()} is empty (and it costs 6 write units instead of 1, and needs a table with a
 *       sort key); read the counter with {@link #get} when you need the value, or turn automatic keys off.
 *       Without a key an update is retried only on 429 {@code Throttled}/{@code QuotaExceeded}, which prove that
 *       nothing was applied. An increment with a rate-limit {@code window} never gets a key (a window counts
 *       attempts; the API refuses keys there).</li>
 *   <li>{@link #next} is retried only with a caller's key ({@link NextRequest#idempotencyKey}): a generated key
 *       would require a prepared sequence, see {@link SequenceNotPreparedException}.</li>
 *   <li>{@link #shardedIncrement} takes no key, so like an unkeyed update it is retried only on throttling.</li>
 *   <li>Answers a retry cannot change (400, 401, 403, 404, the other 409s, 415, 500) are thrown at once.</li>
 *   <li>A connection that could not be opened is retried for every call (nothing was sent); a request that
 *       failed after it was sent (a timeout, a reset) only when a repeat cannot count twice, as for 503.</li>
 * </ul>
 * A call that got no answer in the end throws {@link UncheckedIOException}.
 *
 * <p>Thread-safe, and its settings never change after {@link Builder#build()}: share one per endpoint.
 */
public final class CounterClient {
    private final Transport transport;
    private final RetryPolicy retryPolicy;
    private final boolean autoIdempotencyKeys;
    private final Sleeper sleeper;

    private CounterClient(Builder builder) {
        URI endpoint = builder.endpoint;
        this.transport = new Transport(endpoint, builder.auth.withEndpoint(endpoint), builder.connectTimeout,
                builder.requestTimeout, builder.clock, builder.headers);
        this.retryPolicy = builder.retryPolicy;
        this.autoIdempotencyKeys = builder.autoIdempotencyKeys;
        this.sleeper = builder.sleeper;
    }

    /**
     * A builder with every default set; {@link Builder#endpoint(String)} is the only required setting.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code GET /counters/{name}}: the counter's value, read strongly consistent. Retried on 429, 503 and failed
     * connections.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @return the counter's name and value
     * @throws NotFoundException             when the counter never existed (or was deleted)
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public Counter get(String name) {
        return execute(new Call("GET", counterPath(name), null, null, true), Responses::counter);
    }

    /**
     * Adds 1: {@code increment(name, IncrementRequest.by(1))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult increment(String name) {
        return increment(name, IncrementRequest.by(1));
    }

    /**
     * Adds {@code by}: {@code increment(name, IncrementRequest.by(by))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param by   the amount, greater than 0
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws BadRequestException           when {@code by} is not greater than 0
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult increment(String name, long by) {
        return increment(name, IncrementRequest.by(by));
    }

    /**
     * Adds {@code by}: {@code increment(name, IncrementRequest.by(by))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param by   the amount, greater than 0; decimals are exact, up to 38 significant digits
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws BadRequestException           when {@code by} is not greater than 0 or has too many digits
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult increment(String name, BigDecimal by) {
        return increment(name, IncrementRequest.by(by));
    }

    /**
     * {@code POST /counters/{name}/increment}, with the request's bound, window and key. A counter is created on
     * first use. Without a key of the caller's, the client adds one as {@link Builder#autoIdempotencyKeys(boolean)}
     * says, except with a window.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param request what to add, and the bound, window and key
     * @return the new value and the one it replaced; both empty when the update carried a key, and
     *         {@link UpdateResult#window()} for a window
     * @throws LimitExceededException        past {@code max}, or the window is full; nothing changed
     * @throws IdempotencyKeyReusedException the key was used with another request on this counter
     * @throws BadRequestException           the request is invalid (e.g. a window without {@code max})
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult increment(String name, IncrementRequest request) {
        // a window counts attempts, so it takes no key (the API refuses one): never generate one there
        String key = keyFor(request.idempotencyKey(), request.window().isEmpty());
        return execute(new Call("POST", counterPath(name) + "/increment", request.body(), key, key != null),
                Responses::update);
    }

    /**
     * Subtracts 1: {@code decrement(name, DecrementRequest.by(1))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult decrement(String name) {
        return decrement(name, DecrementRequest.by(1));
    }

    /**
     * Subtracts {@code by}: {@code decrement(name, DecrementRequest.by(by))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param by   the amount, greater than 0
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws BadRequestException           when {@code by} is not greater than 0
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult decrement(String name, long by) {
        return decrement(name, DecrementRequest.by(by));
    }

    /**
     * Subtracts {@code by}: {@code decrement(name, DecrementRequest.by(by))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param by   the amount, greater than 0; decimals are exact, up to 38 significant digits
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws BadRequestException           when {@code by} is not greater than 0 or has too many digits
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult decrement(String name, BigDecimal by) {
        return decrement(name, DecrementRequest.by(by));
    }

    /**
     * {@code POST /counters/{name}/decrement}, with the request's bound and key. A counter is created on first
     * use. Without a key of the caller's, the client adds one as {@link Builder#autoIdempotencyKeys(boolean)} says.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param request what to subtract, and the bound and key
     * @return the new value and the one it replaced; both empty when the update carried a key
     * @throws LimitExceededException        below {@code min}; nothing changed
     * @throws IdempotencyKeyReusedException the key was used with another request on this counter
     * @throws BadRequestException           the request is invalid
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult decrement(String name, DecrementRequest request) {
        String key = keyFor(request.idempotencyKey(), true);
        return execute(new Call("POST", counterPath(name) + "/decrement", request.body(), key, key != null),
                Responses::update);
    }

    /**
     * Reserves the next id: {@code next(name, NextRequest.count(1))}. Without a key it is retried only when the
     * answer proves nothing was reserved (429 throttling, a connection that could not be opened).
     *
     * @param name the sequence's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @return the id, as {@link NextResult#first()} and {@link NextResult#last()}
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public NextResult next(String name) {
        return next(name, NextRequest.count(1));
    }

    /**
     * Reserves the next {@code count} ids: {@code next(name, NextRequest.count(count))}. Without a key it is
     * retried only when the answer proves nothing was reserved (429 throttling, a connection that could not be
     * opened).
     *
     * @param name  the sequence's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param count how many ids, 1 to 10,000
     * @return the ids, from {@link NextResult#first()} to {@link NextResult#last()}
     * @throws BadRequestException           when {@code count} is outside 1 to 10,000
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public NextResult next(String name, int count) {
        return next(name, NextRequest.count(count));
    }

    /**
     * {@code POST /counters/{name}/next}: reserves ids; the first id of a new sequence is 1. Retried only with the
     * caller's {@code Idempotency-Key}.
     *
     * @param name    the sequence's name: any non-empty text (percent-encoded into one path segment), at most
     *                2048 bytes
     * @param request how many ids, and the key
     * @return the ids, from {@link NextResult#first()} to {@link NextResult#last()}; with a key already used, the
     *         ids of that first call and {@link NextResult#replayed()} true
     * @throws SequenceNotPreparedException     with a key, on a sequence never {@link #set}
     * @throws IdempotencyKeyReusedException    the key was used with another count on this sequence
     * @throws TooManyIdempotencyKeysException  the sequence's item cannot remember another key
     * @throws CounterApiException              for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public NextResult next(String name, NextRequest request) {
        String key = request.idempotencyKey().orElse(null);
        return execute(new Call("POST", counterPath(name) + "/next", request.body(), key, key != null),
                Responses::next);
    }

    /**
     * Sets the counter to {@code value}: {@code set(name, SetRequest.value(value))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param value the new value
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult set(String name, long value) {
        return set(name, SetRequest.value(value));
    }

    /**
     * Sets the counter to {@code value}: {@code set(name, SetRequest.value(value))}.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param value the new value; decimals are exact, up to 38 significant digits
     * @return the answer; its value is empty when the update carried a key (see the class description)
     * @throws BadRequestException           when {@code value} has too many digits
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult set(String name, BigDecimal value) {
        return set(name, SetRequest.value(value));
    }

    /**
     * {@code PUT /counters/{name}}: sets the value, optionally only if it holds {@code expected}; also prepares
     * the sequence for {@code next} with a key. Without a key of the caller's, the client adds one as
     * {@link Builder#autoIdempotencyKeys(boolean)} says.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @param request the value, and the expected value and key
     * @return the new value (empty when the update carried a key); {@link UpdateResult#previous()} is always empty
     * @throws ExpectedValueMismatchException the counter holds another value; nothing changed
     * @throws IdempotencyKeyReusedException  the key was used with another request on this counter
     * @throws CounterApiException            for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public UpdateResult set(String name, SetRequest request) {
        String key = keyFor(request.idempotencyKey(), true);
        return execute(new Call("PUT", counterPath(name), request.body(), key, key != null), Responses::update);
    }

    /**
     * {@code DELETE /counters/{name}}: deletes the counter (204, also when it did not exist), so the next update
     * starts from 0. Not its shards ({@link #deleteShards}), windows or idempotency markers (they expire). Retried
     * on 429, 503 and failed connections.
     *
     * @param name the counter's name: any non-empty text (percent-encoded into one path segment), at most 2048 bytes
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public void delete(String name) {
        execute(new Call("DELETE", counterPath(name), null, null, true), Responses::noContent);
    }

    /**
     * Adds 1 to one shard of a sharded counter: {@code shardedIncrement(name, BigDecimal.ONE)}.
     *
     * @param name the sharded counter's name: any non-empty text, at most 2048 bytes
     * @return the shard that took it and its value
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public ShardIncrement shardedIncrement(String name) {
        return shardedIncrement(name, BigDecimal.ONE);
    }

    /**
     * Adds {@code by} to one shard of a sharded counter: {@code shardedIncrement(name, BigDecimal.valueOf(by))}.
     *
     * @param name the sharded counter's name: any non-empty text, at most 2048 bytes
     * @param by   the amount, greater than 0
     * @return the shard that took it and its value
     * @throws BadRequestException           when {@code by} is not greater than 0
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public ShardIncrement shardedIncrement(String name, long by) {
        return shardedIncrement(name, BigDecimal.valueOf(by));
    }

    /**
     * {@code POST /counters/{name}/shards/increment}: adds {@code by} (greater than 0) to one shard, picked by the
     * server. A sharded counter {@code name} is another value than the plain counter {@code name}. Takes no key,
     * so it is retried only on throttling.
     *
     * @param name the sharded counter's name: any non-empty text, at most 2048 bytes
     * @param by   the amount, greater than 0; decimals are exact, up to 38 significant digits
     * @return the shard that took it and that shard's new value (not the total: {@link #shardedTotal})
     * @throws BadRequestException           when {@code by} is not greater than 0 or has too many digits
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     * @throws NullPointerException          when {@code by} is null
     */
    public ShardIncrement shardedIncrement(String name, BigDecimal by) {
        ObjectNode body = Json.MAPPER.createObjectNode().set("by", Json.amount(Objects.requireNonNull(by, "by")));
        return execute(new Call("POST", counterPath(name) + "/shards/increment", body, null, false),
                Responses::shardIncrement);
    }

    /**
     * {@code GET /counters/{name}/shards}: the exact sum of the shards, read strongly consistent in one Query.
     * Retried on 429, 503 and failed connections.
     *
     * @param name the sharded counter's name: any non-empty text, at most 2048 bytes
     * @return the total and how many shards exist
     * @throws NotFoundException             when no shard exists
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public ShardedTotal shardedTotal(String name) {
        return execute(new Call("GET", counterPath(name) + "/shards", null, null, true), Responses::shardedTotal);
    }

    /**
     * {@code DELETE /counters/{name}/shards}: deletes every shard of the sharded counter in one transaction (204,
     * also when none existed). Retried on 429, 503 and failed connections.
     *
     * @param name the sharded counter's name: any non-empty text, at most 2048 bytes
     * @throws CounterApiException           for an error answer after any retries (see the class description)
     * @throws java.io.UncheckedIOException when no answer came
     */
    public void deleteShards(String name) {
        execute(new Call("DELETE", counterPath(name) + "/shards", null, null, true), Responses::noContent);
    }

    /**
     * Sends one request as given, authenticated like the others, and returns the answer as it is, error or not:
     * for contract checks and diagnostics (other media types, CORS headers, routes this client does not know).
     * It is retried only when the answer proves nothing was applied (429 {@code Throttled}/{@code QuotaExceeded},
     * a refused connection), so it is safe for any method; map an error answer with
     * {@link CounterApiException#from(RawResponse)}.
     *
     * @param method  HTTP method
     * @param path    below the stage URL, already encoded (see {@link #counterPath(String)})
     * @param body    the body, or null for none; sent as {@code application/json} unless {@code headers} says
     *                otherwise
     * @param headers extra headers; they win over the client's
     * @return the answer, whatever its status
     * @throws UncheckedIOException when no answer came
     */
    public RawResponse send(String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        headers.forEach((name, value) -> {
            all.keySet().removeIf(name::equalsIgnoreCase);
            all.put(name, value);
        });
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return exchange(method, path, bytes, all, false);
    }

    /**
     * The encoded path of a counter, for {@link #send}: any text is one percent-encoded segment.
     *
     * @param name the counter's name, any non-empty text
     * @return {@code /counters/<name>}, e.g. {@code /counters/a%20b} for {@code a b}
     * @throws IllegalArgumentException when {@code name} is null or empty
     */
    public static String counterPath(String name) {
        return "/counters/" + PathNames.segment(name);
    }

    /**
     * How many HTTP requests this client has sent, every attempt of every call counted: with the number of calls,
     * it shows how often the client retried.
     *
     * @return the requests sent since the client was built
     */
    public long requestsSent() {
        return transport.requestsSent();
    }

    private String keyFor(Optional<String> callersKey, boolean mayGenerate) {
        if (callersKey.isPresent()) {
            return callersKey.get();
        }
        return autoIdempotencyKeys && mayGenerate ? UUID.randomUUID().toString() : null;
    }

    /** Sends the call, retrying what {@link Retries} allows, and reads a 2xx answer; throws anything else. */
    private <T> T execute(Call call, Function<RawResponse, T> reader) {
        byte[] body = call.body() == null ? new byte[0] : bytes(call.body());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (call.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        if (call.idempotencyKey() != null) {
            headers.put("Idempotency-Key", call.idempotencyKey());
        }
        RawResponse response = exchange(call.method(), call.path(), body, headers, call.replaySafe());
        if (!response.isSuccess()) {
            throw ErrorMapper.map(response);
        }
        return reader.apply(response);
    }

    /**
     * Sends a request until an answer is final: a success, an answer {@link Retries} does not retry for this
     * call, a wait longer than the policy allows, or the last attempt. Every attempt is signed afresh and carries
     * the same headers (so the same {@code Idempotency-Key}).
     */
    private RawResponse exchange(String method, String path, byte[] body, Map<String, String> headers,
                                 boolean replaySafe) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= retryPolicy.maxAttempts();
            RawResponse response;
            try {
                response = transport.send(method, path, body, headers);
            } catch (IOException e) {
                if (last || !Retries.retryable(e, replaySafe)) {
                    throw new UncheckedIOException(method + " " + path + " after " + attempt + " attempt(s): " + e, e);
                }
                pause(retryPolicy.delayBefore(attempt, Optional.empty(), random()).orElseThrow());
                continue;
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (response.isSuccess() || last || !Retries.retryable(response, replaySafe)) {
                return response;
            }
            Optional<Duration> delay = retryPolicy.delayBefore(attempt, response.retryAfter(), random());
            if (delay.isEmpty()) {
                return response;  // the server asks for a longer wait than the policy allows
            }
            pause(delay.get());
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static UncheckedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted");
        io.initCause(e);
        return new UncheckedIOException(io);
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body, e);  // a tree of plain nodes always writes
        }
    }

    /** Settings of a {@link CounterClient}. Only {@link #endpoint(String)} is required. */
    public static final class Builder {
        private URI endpoint;
        private Auth auth = Auth.iam();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private boolean autoIdempotencyKeys = true;
        private Sleeper sleeper = Sleeper.threadSleep();
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The API's base URL, stage included: the stack's {@code ApiUrl} output
         * ({@code https://abc123.execute-api.eu-west-1.amazonaws.com/v1/}) or the local
         * {@code http://127.0.0.1:8080/v1}. A trailing slash is ignored. Required.
         *
         * @param url an {@code http} or {@code https} URL with a host, without query or fragment
         * @return this builder
         * @throws IllegalArgumentException when {@code url} is not such a URL
         * @throws NullPointerException     when {@code url} is null
         * @default none: {@link #build()} fails without it
         */
        public Builder endpoint(String url) {
            return endpoint(URI.create(Objects.requireNonNull(url, "url")));
        }

        /**
         * As {@link #endpoint(String)}.
         *
         * @param url an {@code http} or {@code https} URL with a host, without query or fragment
         * @return this builder
         * @throws IllegalArgumentException when {@code url} is not such a URL
         * @throws NullPointerException     when {@code url} is null
         * @default none: {@link #build()} fails without it
         */
        public Builder endpoint(URI url) {
            Objects.requireNonNull(url, "url");
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an http(s) URL with a host, got " + url);
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must have no query or fragment, got " + url);
            }
            String text = url.toString();
            this.endpoint = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            return this;
        }

        /**
         * How requests authenticate, matching the deployment's auth mode.
         *
         * @param newAuth {@link Auth#iam()}, {@link Auth#apiKey(String)}, {@link Auth#cognito(String)} or
         *                {@link Auth#none()}
         * @return this builder
         * @throws NullPointerException when {@code newAuth} is null
         * @default {@link Auth#iam()}: SigV4 with the AWS SDK's default credentials chain, for the region of an
         *          {@code execute-api} endpoint (else {@code us-east-1})
         */
        public Builder auth(Auth newAuth) {
            this.auth = Objects.requireNonNull(newAuth, "auth");
            return this;
        }

        /**
         * How long to wait for a connection to open. A connection that could not be opened is retried for every
         * call, as {@link #retryPolicy(RetryPolicy)} allows.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         * @throws NullPointerException     when {@code timeout} is null
         * @default 10 seconds
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for each answer (each attempt). A timed-out request may have been applied, so it is
         * retried only for calls that cannot count twice.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         * @throws NullPointerException     when {@code timeout} is null
         * @default 30 seconds (API Gateway gives up at 29)
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Attempts and waits of retries; which calls are retried at all does not depend on it (see
         * {@link CounterClient}).
         *
         * @param policy e.g. {@link RetryPolicy#none()} to see every error as it comes
         * @return this builder
         * @throws NullPointerException when {@code policy} is null
         * @default {@link RetryPolicy#defaults()}: 4 attempts, waits up to 20 s
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Whether increment, decrement and set without a caller's key get a generated one (a random UUID per call,
         * the same on every attempt), which makes them safe to retry. The price: their answers carry no value
         * ({@link UpdateResult#value()} is empty), they cost 6 write units instead of 1, and the table needs a sort
         * key. With false, such updates return their value and are retried only on 429
         * {@code Throttled}/{@code QuotaExceeded}. {@code next} never gets a generated key.
         *
         * @param enabled true to generate keys
         * @return this builder
         * @default true
         */
        public Builder autoIdempotencyKeys(boolean enabled) {
            this.autoIdempotencyKeys = enabled;
            return this;
        }

        /**
         * What waits between attempts. Tests pass one that records the waits and returns at once.
         *
         * @param newSleeper the sleeper
         * @return this builder
         * @throws NullPointerException when {@code newSleeper} is null
         * @default {@link Sleeper#threadSleep()}
         */
        public Builder sleeper(Sleeper newSleeper) {
            this.sleeper = Objects.requireNonNull(newSleeper, "sleeper");
            return this;
        }

        /**
         * The clock that dates SigV4 signatures (API Gateway refuses a signature more than 5 minutes off as
         * {@code ExpiredToken}, an {@link AccessDeniedException}). Only {@link Auth#iam()} uses it.
         *
         * @param newClock the clock
         * @return this builder
         * @throws NullPointerException when {@code newClock} is null
         * @default {@link Clock#systemUTC()}
         */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * A header sent with every request (such as {@code Origin}); signed with IAM. The client's own headers
         * ({@code Content-Type}, {@code Idempotency-Key}, auth) win over it. Calling it again with the same name (same
         * spelling) replaces the value.
         *
         * @param name  the header name
         * @param value its value
         * @return this builder
         * @throws NullPointerException when {@code name} or {@code value} is null
         * @default none
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The client, with the settings made so far; later changes to this builder do not affect it.
         *
         * @return a new client
         * @throws IllegalStateException when no {@link #endpoint(String) endpoint} was set
         */
        public CounterClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required, e.g. http://127.0.0.1:8080/v1");
            }
            return new CounterClient(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
