package io.github.atomiccounters.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Makes a share of DynamoDB calls fail the way DynamoDB fails, before they reach DynamoDB Local, so that the
 * integration responses for throttling and server errors (mapped to 429 / 503 for clients) can be exercised
 * locally. DynamoDB Local itself never throttles and never fails.
 *
 * <p>Spec: comma-separated {@code name:rate} pairs, e.g. {@code throttle:0.1,internal:0.05}, rates in [0, 1]
 * summing to at most 1. Each call draws one random number, so the faults are mutually exclusive and the rates are
 * exact shares of all calls.
 */
public final class FaultInjector {

    /** The faults DynamoDB really returns, with the bodies it sends (the response templates parse these). */
    public enum Fault {
        THROTTLE("throttle", 400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded. "
                        + "Consider increasing your provisioning level with the UpdateTable API."),
        // DynamoDB sends ThrottlingException with the coral availability namespace, not the API's.
        THROTTLING("throttling", 400, "com.amazon.coral.availability#ThrottlingException",
                "Rate of requests exceeds the allowed throughput."),
        INTERNAL("internal", 500, "com.amazonaws.dynamodb.v20120810#InternalServerError",
                "Internal server error"),
        UNAVAILABLE("unavailable", 503, "com.amazonaws.dynamodb.v20120810#ServiceUnavailable",
                "Service unavailable"),
        // What a throttled idempotent update (TransactWriteItems: two markers and the counter) answers: the
        // throttling is a cancellation reason, not the error's type.
        TRANSACTION_THROTTLED("transaction-throttled", 400,
                "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[None, None, ThrottlingError]",
                ",\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":\"None\"},"
                        + "{\"Code\":\"ThrottlingError\",\"Message\":\"Throughput exceeds the current capacity "
                        + "of your table or index.\"}]"),
        // What real DynamoDB answers when a transaction's update is invalid for the item it meets (e.g. adding to a
        // value that is not a number): a ValidationError cancellation reason. DynamoDB Local reports the same
        // problem as a top-level ValidationException instead, so this fault reproduces DynamoDB's shape.
        TRANSACTION_INVALID("transaction-invalid", 400,
                "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[None, None, ValidationError]",
                ",\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":\"None\"},"
                        + "{\"Code\":\"ValidationError\",\"Message\":\"An operand in the update expression has "
                        + "an incorrect data type\"}]"),
        // An item held by another transaction. DynamoDB Local serializes transactions and never reports a conflict,
        // so these two are the only way to exercise the ConcurrentUpdate answer locally: a single-item write that
        // meets a transaction gets TransactionConflictException; a transaction (an idempotent update) is cancelled
        // with a TransactionConflict reason.
        CONFLICT("conflict", 400, "com.amazonaws.dynamodb.v20120810#TransactionConflictException",
                "Transaction is ongoing for the item"),
        TRANSACTION_CONFLICT("transaction-conflict", 400,
                "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[None, None, TransactionConflict]",
                ",\"CancellationReasons\":[{\"Code\":\"None\"},{\"Code\":\"None\"},"
                        + "{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}]");

        private final String specName;
        private final DynamoDbRawResponse response;

        Fault(String specName, int status, String type, String message) {
            this(specName, status, type, message, "");
        }

        Fault(String specName, int status, String type, String message, String moreFields) {
            this.specName = specName;
            // Real DynamoDB spells the field "message"; DynamoDB Local spells it "Message". Templates handle both.
            this.response = new DynamoDbRawResponse(status,
                    "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"" + moreFields + "}");
        }

        public String specName() {
            return specName;
        }

        public DynamoDbRawResponse response() {
            return response;
        }
    }

    private static final String EXPECTED = "expected comma-separated name:rate pairs with names "
            + List.of(Fault.values()).stream().map(Fault::specName).collect(Collectors.joining(", "))
            + " and rates between 0 and 1 summing to at most 1, e.g. throttle:0.1,internal:0.05";

    private static final FaultInjector NONE = new FaultInjector(new EnumMap<>(Fault.class), null);

    private final Map<Fault, Double> rates;
    private final Fault[] faults;
    private final double[] cumulative;
    private final Random seededOrNull;

    private FaultInjector(Map<Fault, Double> rates, Random seededOrNull) {
        Map<Fault, Double> copy = new EnumMap<>(Fault.class);
        copy.putAll(rates);
        this.rates = Collections.unmodifiableMap(copy);
        this.seededOrNull = seededOrNull;
        List<Fault> active = new ArrayList<>();
        for (Map.Entry<Fault, Double> e : this.rates.entrySet()) {
            if (e.getValue() > 0) {
                active.add(e.getKey());
            }
        }
        this.faults = active.toArray(Fault[]::new);
        this.cumulative = new double[faults.length];
        double sum = 0;
        for (int i = 0; i < faults.length; i++) {
            sum += this.rates.get(faults[i]);
            cumulative[i] = sum;
        }
    }

    /** No faults. */
    public static FaultInjector none() {
        return NONE;
    }

    /** Parses a spec; null, blank or {@code none} mean no faults. */
    public static FaultInjector parse(String specOrNull) {
        return parse(specOrNull, null);
    }

    /**
     * Parses a spec and draws from the given random source: seed it in tests for a reproducible sequence.
     * {@link Random} is thread-safe, so a shared seeded injector stays correct (if not reproducible) under load.
     */
    public static FaultInjector parse(String specOrNull, Random randomOrNull) {
        if (specOrNull == null || specOrNull.isBlank() || specOrNull.trim().equalsIgnoreCase("none")) {
            return randomOrNull == null ? NONE : new FaultInjector(Map.of(), randomOrNull);
        }
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        double sum = 0;
        for (String part : specOrNull.split(",", -1)) {
            String[] nameAndRate = part.trim().split(":", -1);
            if (nameAndRate.length != 2) {
                throw bad(specOrNull, "'" + part.trim() + "' is not name:rate");
            }
            String name = nameAndRate[0].trim().toLowerCase(Locale.ROOT);
            Fault fault = null;
            for (Fault f : Fault.values()) {
                if (f.specName.equals(name)) {
                    fault = f;
                }
            }
            if (fault == null) {
                throw bad(specOrNull, "unknown fault '" + nameAndRate[0].trim() + "'");
            }
            double rate;
            try {
                rate = Double.parseDouble(nameAndRate[1].trim());
            } catch (NumberFormatException e) {
                throw bad(specOrNull, "rate '" + nameAndRate[1].trim() + "' of " + name + " is not a number");
            }
            if (!(rate >= 0 && rate <= 1)) { // also rejects NaN
                throw bad(specOrNull, "rate " + nameAndRate[1].trim() + " of " + name + " is outside [0, 1]");
            }
            if (rates.put(fault, rate) != null) {
                throw bad(specOrNull, name + " is given twice");
            }
            sum += rate;
        }
        if (sum > 1 + 1e-9) {
            throw bad(specOrNull, "the rates sum to " + sum + ", more than 1");
        }
        return new FaultInjector(rates, randomOrNull);
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("Invalid fault spec '" + spec + "': " + why + "; " + EXPECTED);
    }

    /** A fault response to return instead of calling DynamoDB, or empty to call it. Thread-safe. */
    public Optional<DynamoDbRawResponse> maybeFault() {
        if (faults.length == 0) {
            return Optional.empty();
        }
        double r = seededOrNull != null ? seededOrNull.nextDouble() : ThreadLocalRandom.current().nextDouble();
        for (int i = 0; i < faults.length; i++) {
            if (r < cumulative[i]) {
                return Optional.of(faults[i].response());
            }
        }
        return Optional.empty();
    }

    public Map<Fault, Double> rates() {
        return rates;
    }

    public boolean isNone() {
        return faults.length == 0;
    }

    @Override
    public String toString() {
        return rates.isEmpty() ? "none" : rates.entrySet().stream()
                .map(e -> e.getKey().specName + ":" + e.getValue()).collect(Collectors.joining(","));
    }
}
