package io.github.atomiccounters.cli.verify;

import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.cdk.Route;
import io.github.atomiccounters.client.AccessDeniedException;
import io.github.atomiccounters.client.BadRequestException;
import io.github.atomiccounters.client.Counter;
import io.github.atomiccounters.client.CounterApiException;
import io.github.atomiccounters.client.ErrorCode;
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
import io.github.atomiccounters.client.SequenceNotPreparedException;
import io.github.atomiccounters.client.SetRequest;
import io.github.atomiccounters.client.ShardIncrement;
import io.github.atomiccounters.client.ShardedTotal;
import io.github.atomiccounters.client.UnsupportedMediaTypeException;
import io.github.atomiccounters.client.UpdateResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The README's HTTP contract as checks against a live deployment: every route of the route table ({@link Route})
 * with its example body and success status, the counters' semantics route by route, the errors a deployment produces
 * without special setup, a bounded race, a concurrent {@code next} burst, idempotency, a rate-limit window,
 * shards and CORS. It works on counters named {@code <prefix>*} and deletes every counter and shard it created;
 * rate-limit window items and idempotency markers cannot be deleted through the API and expire by TTL.
 */
public final class ContractSuite {
    /**
     * The clients the checks use.
     *
     * @param main      the caller's, with automatic idempotency keys off (the checks read values)
     * @param anonymous one without credentials
     * @param wrong     one with wrong credentials (a wrong secret, API key or token); unused with auth none
     */
    public record Clients(CounterClient main, CounterClient anonymous, CounterClient wrong) {
        /** Requests the three clients sent, retries included. */
        public long requestsSent() {
            return main.requestsSent() + anonymous.requestsSent() + wrong.requestsSent();
        }
    }

    /** Concurrent calls in the race and in the next burst; the race's stock is half of it. */
    static final int CONCURRENCY = 10;
    /**
     * HTTP calls the suite makes at most, before retries: the sum over the checks below (counted in the comment of
     * each section), the window check's one retry and the cleanup included. VerifyCommandE2ETest holds it to this.
     */
    public static final int MAX_CALLS = 102;

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final Clients clients;
    private final CounterClient main;
    private final AuthMode mode;
    private final String origin;
    private final Report report;
    private final String prefix;
    private final Set<String> plain = new LinkedHashSet<>();
    private final Set<String> sharded = new LinkedHashSet<>();

    /**
     * @param prefix every counter the suite creates is named with it, e.g. {@code verify-1a2b3c4d-}
     * @param origin the origin to check CORS headers for, or null to skip those checks
     */
    public ContractSuite(Clients clients, AuthMode mode, String origin, String prefix, Report report) {
        this.clients = clients;
        this.main = clients.main();
        this.mode = mode;
        this.origin = origin;
        this.prefix = prefix;
        this.report = report;
    }

    /**
     * Runs every check, then deletes what it created. Stops after the first check when the endpoint gave no
     * answer, or no request could be made at all (e.g. no credentials): every other check would fail the same way.
     */
    public void run() {
        if (!reachable()) {
            report.note("no answer from the endpoint, or no request could be sent: no further checks");
            return;
        }
        auth();
        routeTable();
        routes();
        errors();
        concurrency();
        idempotency();
        window();
        shards();
        cors();
        cleanup();
    }

    /** A counter name under the prefix, remembered for the cleanup. */
    private String counter(String suffix) {
        String name = prefix + suffix;
        plain.add(name);
        return name;
    }

    // 1 call
    private boolean reachable() {
        boolean[] answered = {true};
        report.check("GET of a counter that never existed", "404 NotFound", () -> {
            try {
                return status(expectError(NotFoundException.class, () -> main.get(prefix + "never")));
            } catch (Mismatch | CounterApiException answer) {
                throw answer;
            } catch (RuntimeException noAnswer) {
                answered[0] = false;  // no connection, or the request could not even be signed
                throw noAnswer;
            }
        });
        return answered[0];
    }

    // 2 calls
    private void auth() {
        String name = prefix + "auth";
        switch (mode) {
            case IAM -> {
                checkError("an unsigned request is refused", "403 MissingAuthenticationToken",
                        AccessDeniedException.class, () -> clients.anonymous().get(name), ContractSuite::status);
                checkError("a request signed with a wrong secret is refused", "403 InvalidSignature",
                        AccessDeniedException.class, () -> clients.wrong().get(name), ContractSuite::status);
            }
            case API_KEY -> {
                // API Gateway answers a missing or unknown key with its INVALID_API_KEY or DEFAULT_4XX response
                checkError("a request without an API key is refused", "403 InvalidApiKey or Forbidden",
                        AccessDeniedException.class, () -> clients.anonymous().get(name), ContractSuite::apiKeyRefusal);
                checkError("a request with a wrong API key is refused", "403 InvalidApiKey or Forbidden",
                        AccessDeniedException.class, () -> clients.wrong().get(name), ContractSuite::apiKeyRefusal);
            }
            case COGNITO -> {
                checkError("a request without a token is refused", "401 Unauthorized",
                        AccessDeniedException.class, () -> clients.anonymous().get(name), ContractSuite::status);
                checkError("a request with a malformed token is refused", "401 Unauthorized",
                        AccessDeniedException.class, () -> clients.wrong().get(name), ContractSuite::status);
            }
            case NONE -> {
                report.skip("an unauthenticated request is refused", "--auth none");
                report.skip("a request with wrong credentials is refused", "--auth none");
            }
        }
    }

    /** The requests {@link #routeTable()} sends, in order: one per route of the route table. */
    public static List<RouteCall> routeTableCalls(String counterName) {
        List<RouteCall> calls = new ArrayList<>();
        String counterPath = CounterClient.counterPath(counterName);
        for (Route route : Route.values()) {
            calls.add(new RouteCall(route, counterPath + route.path().substring("/counters/{name}".length()),
                    route.exampleBody()));
        }
        return calls;
    }

    /**
     * One request of the route-table check.
     *
     * @param route the route it calls
     * @param path  the path below the stage URL, encoded
     * @param body  the route's example body, or null
     */
    public record RouteCall(Route route, String path, String body) {
    }

    // 1 + one per route (9) = 10 calls
    private void routeTable() {
        String name = counter("route-table");
        List<RouteCall> calls = routeTableCalls(name);
        String expected = calls.stream().map(c -> c.route().key() + " " + c.route().successStatus())
                .collect(Collectors.joining(", "));
        checkEquals("each route of the route table, in its order, answers its success status", expected, () -> {
            main.set(name, 0);  // the table's first route reads the counter
            List<String> received = new ArrayList<>();
            for (RouteCall call : calls) {
                RawResponse r = main.send(call.route().httpMethod(), call.path(), call.body(), call.body() == null
                        ? Map.of() : Map.of("Content-Type", "application/json"));
                received.add(call.route().key() + " " + r.statusCode()
                        + (r.isSuccess() ? "" : " " + CounterApiException.from(r).errorCode().orElse("")));
            }
            return String.join(", ", received);
        });
    }

    // 3 + 2 + 1 + 2 + 2 + 4 + 2 x 2 = 18 calls
    private void routes() {
        String likes = counter("likes");
        checkEquals("increment creates a counter", "value 1, previous 0", () -> update(main.increment(likes)));
        checkEquals("increment by 41", "value 42, previous 1", () -> update(main.increment(likes, 41)));
        checkEquals("GET reads the value", "value 42", () -> "value " + plain(main.get(likes).value()));

        String donations = counter("donations");
        checkEquals("decimal amounts are exact (0.1 + 0.2)", "value 0.3", () -> {
            main.increment(donations, new BigDecimal("0.1"));
            return "value " + plain(main.increment(donations, new BigDecimal("0.2")).value().orElse(null));
        });
        String balance = counter("balance");
        checkEquals("decrement goes below 0 without a bound", "value -3, previous 0",
                () -> update(main.decrement(balance, 3)));

        String price = counter("price");
        checkEquals("set", "value 10", () -> "value " + plain(main.set(price, 10).value().orElse(null)));
        checkEquals("set with the expected value (compare-and-set)", "value 11.5", () -> "value "
                + plain(main.set(price, SetRequest.value(new BigDecimal("11.5")).expected(10)).value().orElse(null)));

        String members = counter("members");
        checkEquals("next reserves ids from 1", "ids 1..1, then 2..11", () -> {
            NextResult one = main.next(members);
            NextResult ten = main.next(members, 10);
            return "ids " + ids(one) + ", then " + ids(ten);
        });

        String gone = prefix + "gone";
        checkEquals("DELETE removes a counter, and again is no error", "204, 404 NotFound, 204", () -> {
            main.increment(gone);
            main.delete(gone);
            String after = outcome(() -> main.get(gone));
            main.delete(gone);
            return "204, " + after + ", 204";
        });

        for (String suffix : List.of("a b/c?d#e%f+ü", "q\",\"UpdateExpression\":\"SET #v = :by")) {
            String name = counter(suffix);
            checkEquals("any text is a name: \"" + suffix + "\"", "the same name, value 2", () -> {
                String echoed = main.increment(name, 2).name();
                Counter read = main.get(name);
                return (echoed.equals(name) && read.name().equals(name) ? "the same name" : "names " + echoed
                        + ", " + read.name()) + ", value " + plain(read.value());
            });
        }
    }

    // 1 + 1 + 1 + 4 + 1 + 1 = 9 calls
    private void errors() {
        String name = prefix + "invalid";
        checkError("increment by 0 is refused", "400 BadRequest", BadRequestException.class,
                () -> main.increment(name, 0), ContractSuite::status);
        checkError("a name longer than 2048 bytes is refused", "400 BadRequest", BadRequestException.class,
                () -> main.get(prefix + "n".repeat(2049)), ContractSuite::status);
        checkEquals("a body that is not JSON is refused", "415 UnsupportedMediaType", () -> {
            RawResponse r = main.send("POST", CounterClient.counterPath(name) + "/increment", "by=1",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            CounterApiException e = CounterApiException.from(r);
            return e instanceof UnsupportedMediaTypeException ? status(e) : r.statusCode() + " " + r.body();
        });

        String credits = counter("credits");
        checkError("increment past max is refused with the current value", "409 LimitExceeded, value 8",
                LimitExceededException.class, () -> {
                    main.increment(credits, IncrementRequest.by(8).max(10));
                    return main.increment(credits, IncrementRequest.by(3).max(10));
                }, e -> status(e) + ", value " + plain(e.value()));
        checkError("decrement below min is refused with the current value", "409 LimitExceeded, value 0",
                LimitExceededException.class, () -> {
                    main.decrement(credits, DecrementRequest.by(8).min(0));
                    return main.decrement(credits, DecrementRequest.by(1).min(0));
                }, e -> status(e) + ", value " + plain(e.value()));
        String price = prefix + "price";
        checkError("set with another expected value is refused with the current value",
                "409 ExpectedValueMismatch, value 11.5", ExpectedValueMismatchException.class,
                () -> main.set(price, SetRequest.value(0).expected(10)), e -> status(e) + ", value " + plain(e.value()));
        checkEquals("a refused update changed nothing", "value 11.5", () -> "value " + plain(main.get(price).value()));
    }

    // 1 + 10 + 1 + 10 = 22 calls
    private void concurrency() {
        int stock = CONCURRENCY / 2;
        String stockName = counter("stock");
        String expected = stock + " succeed, " + stock + " LimitExceeded, stock 0";
        checkEquals(CONCURRENCY + " concurrent decrements {min: 0} of a stock of " + stock, expected, () -> {
            main.set(stockName, stock);
            List<Object> outcomes = concurrently(() -> main.decrement(stockName, DecrementRequest.by(1).min(0)));
            long ok = outcomes.stream().filter(o -> o instanceof UpdateResult).count();
            long limited = outcomes.stream().filter(o -> o instanceof LimitExceededException).count();
            String others = outcomes.stream().filter(o -> !(o instanceof UpdateResult)
                    && !(o instanceof LimitExceededException)).map(ContractSuite::describe).distinct()
                    .collect(Collectors.joining("; "));
            return ok + " succeed, " + limited + " LimitExceeded, stock " + plain(main.get(stockName).value())
                    + (others.isEmpty() ? "" : ", and " + others);
        });

        String sequence = counter("burst");
        checkEquals(CONCURRENCY + " concurrent next calls", "ids 1.." + CONCURRENCY + ", each once", () -> {
            List<Object> outcomes = concurrently(() -> main.next(sequence));
            List<String> ids = new ArrayList<>();
            for (Object o : outcomes) {
                ids.add(o instanceof NextResult r ? plain(r.first()) : describe(o));
            }
            List<String> expectedIds = new ArrayList<>();
            for (int i = 1; i <= CONCURRENCY; i++) {
                expectedIds.add(String.valueOf(i));
            }
            return new LinkedHashSet<>(ids).size() == ids.size() && Set.copyOf(ids).equals(Set.copyOf(expectedIds))
                    ? "ids 1.." + CONCURRENCY + ", each once" : "ids " + ids;
        });
    }

    // 3 + 2 + 1 + 2 + 1 + 1 = 10 calls
    private void idempotency() {
        String orders = counter("orders");
        String key = "verify-" + UUID.randomUUID();
        checkEquals("an increment with an Idempotency-Key, sent twice", "applied, then replayed; value 5", () -> {
            UpdateResult first = main.increment(orders, IncrementRequest.by(5).idempotencyKey(key));
            UpdateResult second = main.increment(orders, IncrementRequest.by(5).idempotencyKey(key));
            return applied(first) + ", then " + applied(second) + "; value " + plain(main.get(orders).value());
        });
        checkError("the same key with another body is refused and changes nothing",
                "409 IdempotencyKeyReused; value 5", IdempotencyKeyReusedException.class,
                () -> main.increment(orders, IncrementRequest.by(6).idempotencyKey(key)),
                e -> status(e) + "; value " + plain(main.get(orders).value()));

        String unprepared = prefix + "unprepared";
        String signup = "verify-" + UUID.randomUUID();
        checkError("next with a key on a sequence never set", "409 SequenceNotPrepared",
                SequenceNotPreparedException.class,
                () -> main.next(unprepared, NextRequest.count(1).idempotencyKey(signup)), ContractSuite::status);

        String sequence = counter("signups");
        checkEquals("next with a key on a prepared sequence (set to 0)", "ids 1..3, applied", () -> {
            main.set(sequence, 0);
            NextResult r = main.next(sequence, NextRequest.count(3).idempotencyKey(signup));
            return "ids " + ids(r) + ", " + (r.replayed() ? "replayed" : "applied");
        });
        checkEquals("next repeated with the key answers its ids again", "ids 1..3, replayed", () -> {
            NextResult r = main.next(sequence, NextRequest.count(3).idempotencyKey(signup));
            return "ids " + ids(r) + ", " + (r.replayed() ? "replayed" : "applied");
        });
        checkError("next with the key and another count is refused", "409 IdempotencyKeyReused",
                IdempotencyKeyReusedException.class,
                () -> main.next(sequence, NextRequest.count(2).idempotencyKey(signup)), ContractSuite::status);
    }

    // 3 calls, 6 when the first try crosses a window boundary
    private void window() {
        String expected = "values 1, 2, then 409 LimitExceeded (value 2, limit 2, the window's resetAt, "
                + "Retry-After 1..60 s)";
        IncrementRequest attempt = IncrementRequest.by(1).max(2).window(WINDOW);
        checkEquals("a rate-limit window {window: 60, max: 2}", expected, () -> {
            String received = null;
            for (int attemptNo = 1; attemptNo <= 2; attemptNo++) {
                // window items expire by TTL (60 s after the window); they are not counters to delete
                String name = prefix + "window-" + attemptNo;
                UpdateResult first = main.increment(name, attempt);
                UpdateResult second = main.increment(name, attempt);
                Object third;
                try {
                    third = main.increment(name, attempt);
                } catch (LimitExceededException e) {
                    third = e;
                }
                Optional<RateWindow> w1 = first.window();
                Optional<RateWindow> w2 = second.window();
                Optional<RateWindow> w3 = third instanceof UpdateResult r ? r.window() : w2;
                boolean crossed = w1.isPresent() && w2.isPresent() && w3.isPresent()
                        && !(w1.get().resetAt().equals(w2.get().resetAt()) && w2.equals(w3));
                received = "values " + plain(first.value().orElse(null)) + ", " + plain(second.value().orElse(null))
                        + ", then " + windowRefusal(third, w2);
                if (!crossed) {
                    return received;
                }
                // the calls straddled two windows: the count restarted, so try once more in a fresh window
            }
            throw new Mismatch(received + " (crossed a window boundary twice)");
        });
    }

    // 3 + 2 + 2 = 7 calls
    private void shards() {
        String views = prefix + "views";
        sharded.add(views);
        checkEquals("3 sharded increments by 2", "3 answers, each with a shard >= 0 and its value >= 2", () -> {
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ShardIncrement s = main.shardedIncrement(views, 2);
                if (s.shard() < 0 || s.shardValue().compareTo(BigDecimal.valueOf(2)) < 0 || !s.name().equals(views)) {
                    bad.add(s.toString());
                }
            }
            return bad.isEmpty() ? "3 answers, each with a shard >= 0 and its value >= 2" : "answers " + bad;
        });
        checkEquals("the sharded total sums its shards exactly", "value 6.5", () -> {
            main.shardedIncrement(views, new BigDecimal("0.5"));
            ShardedTotal total = main.shardedTotal(views);
            return "value " + plain(total.value());
        });
        checkEquals("DELETE of the shards, then the total", "204, then 404 NotFound", () -> {
            main.deleteShards(views);
            return "204, then " + outcome(() -> main.shardedTotal(views));
        });
    }

    // 3 calls
    private void cors() {
        if (origin == null) {
            for (String title : List.of("a success answer carries CORS headers", "an error answer carries CORS headers",
                    "a CORS preflight is answered without credentials")) {
                report.skip(title, "no --origin given");
            }
            return;
        }
        String allowed = "Access-Control-Allow-Origin " + origin + " (or *)";
        Map<String, String> fromOrigin = Map.of("Origin", origin);
        String likes = CounterClient.counterPath(prefix + "likes");
        checkEquals("a success answer carries CORS headers", "200, " + allowed,
                () -> corsOf(main.send("GET", likes, null, fromOrigin), allowed));
        checkEquals("an error answer carries CORS headers", "404, " + allowed, () -> corsOf(
                main.send("GET", CounterClient.counterPath(prefix + "never"), null, fromOrigin), allowed));
        checkEquals("a CORS preflight is answered without credentials", "2xx, " + allowed + ", POST allowed", () -> {
            RawResponse r = clients.anonymous().send("OPTIONS", likes + "/increment", null, Map.of("Origin", origin,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
            String methods = r.header("Access-Control-Allow-Methods").orElse("");
            String status = r.isSuccess() ? "2xx" : String.valueOf(r.statusCode());
            return status + ", " + allowOrigin(r, allowed)
                    + (methods.toUpperCase().contains("POST") ? ", POST allowed" : ", methods [" + methods + "]");
        });
    }

    // 13 counters + 1 sharded counter = 14 calls
    private void cleanup() {
        int total = plain.size() + sharded.size();
        checkEquals("cleanup: DELETE of every counter and shard created", total + " deleted", () -> {
            List<String> failures = new ArrayList<>();
            for (String name : plain) {
                delete(name, () -> main.delete(name), failures);
            }
            for (String name : sharded) {
                delete(name, () -> main.deleteShards(name), failures);
            }
            return failures.isEmpty() ? total + " deleted" : (total - failures.size()) + " deleted, failed: "
                    + failures;
        });
        report.note("(window items and idempotency markers cannot be deleted through the API: they expire by TTL,"
                + " within about 2 days)");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void checkEquals(String title, String expected, Supplier<String> received) {
        report.check(title, expected, () -> same(expected, received.get()));
    }

    private <T extends CounterApiException> void checkError(String title, String expected, Class<T> type,
                                                            Supplier<Object> call, Function<T, String> received) {
        report.check(title, expected, () -> same(expected, received.apply(expectError(type, call))));
    }

    private static String same(String expected, String received) {
        if (!expected.equals(received)) {
            throw new Mismatch(received);
        }
        return received;
    }

    private static <T extends CounterApiException> T expectError(Class<T> type, Supplier<Object> call) {
        Object result;
        try {
            result = call.get();
        } catch (CounterApiException e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new Mismatch(Report.describe(e));
        }
        throw new Mismatch("success: " + result);
    }

    /** Runs the call {@link #CONCURRENCY} times at once; each outcome is its result or its exception. */
    private static List<Object> concurrently(Supplier<Object> call) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.get();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void delete(String name, Runnable delete, List<String> failures) {
        try {
            delete.run();
        } catch (RuntimeException e) {
            failures.add(name + ": " + describe(e));
        }
    }

    private static String outcome(Supplier<Object> call) {
        try {
            return "200 " + call.get();
        } catch (CounterApiException e) {
            return status(e);
        }
    }

    private static String windowRefusal(Object third, Optional<RateWindow> window) {
        if (!(third instanceof LimitExceededException e)) {
            return "success " + third;
        }
        long wait = e.retryAfter().map(Duration::getSeconds).orElse(-1L);
        boolean sameWindow = window.isPresent() && e.resetAt().equals(window.map(RateWindow::resetAt));
        return status(e) + " (value " + plain(e.value()) + ", limit " + e.limit().map(ContractSuite::plain).orElse("none")
                + ", " + (sameWindow ? "the window's resetAt" : "resetAt " + e.resetAt().orElse(null)) + ", "
                + (wait >= 1 && wait <= WINDOW.getSeconds() ? "Retry-After 1..60 s" : "Retry-After " + wait) + ")";
    }

    private String corsOf(RawResponse r, String allowed) {
        return r.statusCode() + ", " + allowOrigin(r, allowed);
    }

    private String allowOrigin(RawResponse r, String allowed) {
        Optional<String> value = r.header("Access-Control-Allow-Origin");
        return value.filter(v -> v.equals(origin) || v.equals("*")).isPresent() ? allowed
                : "Access-Control-Allow-Origin " + value.orElse("missing");
    }

    private static String update(UpdateResult r) {
        return "value " + plain(r.value().orElse(null)) + ", previous " + plain(r.previous().orElse(null));
    }

    private static String ids(NextResult r) {
        return plain(r.first()) + ".." + plain(r.last());
    }

    private static String applied(UpdateResult r) {
        return r.replayed() ? "replayed" : "applied";
    }

    private static String status(CounterApiException e) {
        return e.statusCode() + " " + e.errorCode().orElse("(no error code)");
    }

    private static String apiKeyRefusal(AccessDeniedException e) {
        boolean expected = e.statusCode() == 403
                && e.errorCode().filter(c -> c.equals(ErrorCode.INVALID_API_KEY.code())
                        || c.equals(ErrorCode.FORBIDDEN.code())).isPresent();
        return expected ? "403 InvalidApiKey or Forbidden" : status(e);
    }

    private static String describe(Object outcome) {
        return outcome instanceof CounterApiException e ? Report.describe(e) : String.valueOf(outcome);
    }

    /** A number as the contract prints it: exact, without trailing zeros ("none" when absent). */
    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
