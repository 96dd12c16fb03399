package io.github.atomiccounters.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.local.DynamoDbRawResponse;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.VtlEngine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What remembering keys costs an idempotent next (request/next.vtl keeps them on the counter item): for
 * sequences that already remember K keys, the latency of a keyed next through the local runtime against a plain
 * next measured in the same run (calls alternate, so machine noise hits both), the item's size after the run,
 * and the write units DynamoDB Local reports for the rendered request (1 per KB of the item).
 *
 * <pre>
 * java -cp target/classes:$(cat target/cp.txt) io.github.atomiccounters.bench.NextKeysBench [--calls 300] [--keys 0,500,2000,4000]
 * </pre>
 * Run from the project directory (cdk.json); see scripts/next-keys-bench.sh.
 */
public final class NextKeysBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NextKeysBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = 300;
        List<Integer> keyCounts = List.of(0, 500, 2000, 4000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--keys" -> keyCounts = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --calls N, --keys K,K,...)");
            }
        }
        System.out.println("starting the local runtime (in-process synthesis)...");
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withAuth(false)
                .withLogRequests(false).withContext(Map.of("throttleRate", "100000", "throttleBurst", "100000")),
                new PrintStream(OutputStream.nullOutputStream()))) {
            String base = runtime.baseUrl().toString();
            send(base, "PUT", "/counters/bench-plain", "{\"value\": 0}", null);
            System.out.printf("%-11s %-9s %-12s %-12s %-12s %-12s %-8s %s%n", "keys", "item KB", "plain p50 ms",
                    "keyed p50 ms", "plain p99 ms", "keyed p99 ms", "p50 x", "write units (keyed, plain)");
            for (int k : keyCounts) {
                System.err.printf("[next-keys] %d keys planted, then %d plain and %d keyed calls...%n", k, calls, calls);
                String name = "bench-keys-" + k;
                send(base, "PUT", "/counters/" + name, "{\"value\": 0}", null);
                prefill(runtime, name, k);
                // warm-up, then alternate plain and keyed calls
                for (int i = 0; i < 30; i++) {
                    send(base, "POST", "/counters/bench-plain/next", "{}", null);
                    send(base, "POST", "/counters/" + name + "/next", "{}", "warm-" + UUID.randomUUID());
                }
                long[] plain = new long[calls];
                long[] keyed = new long[calls];
                for (int i = 0; i < calls; i++) {
                    plain[i] = send(base, "POST", "/counters/bench-plain/next", "{}", null);
                    keyed[i] = send(base, "POST", "/counters/" + name + "/next", "{}", UUID.randomUUID().toString());
                }
                Percentiles.Summary p = Percentiles.summarize(plain);
                Percentiles.Summary q = Percentiles.summarize(keyed);
                // the run's own keyed calls add to the K keys planted before it
                System.out.printf("%-11s %-9.1f %-12.2f %-12.2f %-12.2f %-12.2f %-8.2f %s, %s%n", k + ".." + (k + 30 + calls),
                        itemBytes(runtime, name) / 1024.0, p.p50() / 1e6, q.p50() / 1e6, p.p99() / 1e6,
                        q.p99() / 1e6, (double) q.p50() / p.p50(),
                        writeUnits(runtime, name, UUID.randomUUID().toString()), writeUnits(runtime, "bench-plain", ""));
            }
        }
    }

    /** One HTTP call; its latency in nanoseconds. Anything but 200 stops the benchmark. */
    private static long send(String base, String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return elapsed;
    }

    /** K remembered keys in today's map, shaped as next writes them (36-character keys, count "1", first id). */
    private static void prefill(LocalRuntime runtime, String name, int keys) {
        String map = "nextKeys" + (System.currentTimeMillis() / 1000 / 86400) % 4;
        for (int from = 0; from < keys; from += 100) {
            StringBuilder expression = new StringBuilder("SET ");
            Map<String, String> names = new HashMap<>(Map.of("#m", map));
            Map<String, AttributeValue> values = new HashMap<>();
            for (int i = from; i < Math.min(keys, from + 100); i++) {
                String key = String.format("%036d", i);
                names.put("#k" + i, key);
                names.put("#f" + i, key + " first");
                values.put(":c" + i, AttributeValue.fromS("1"));
                values.put(":f" + i, AttributeValue.fromN(Integer.toString(1_000_000 + i)));
                expression.append(i == from ? "" : ", ").append("#m.#k").append(i).append(" = :c").append(i)
                        .append(", #m.#f").append(i).append(" = :f").append(i);
            }
            runtime.dynamoDb().client().updateItem(u -> u.tableName(table(runtime)).key(key(runtime, name))
                    .updateExpression(expression.toString()).expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        }
    }

    /** The item's size by DynamoDB's sizing rules (approximately), read back with a consistent GetItem. */
    private static long itemBytes(LocalRuntime runtime, String name) {
        Map<String, AttributeValue> item = runtime.dynamoDb().client()
                .getItem(g -> g.tableName(table(runtime)).key(key(runtime, name)).consistentRead(true)).item();
        return item.entrySet().stream().mapToLong(e -> e.getKey().length() + size(e.getValue())).sum();
    }

    /** DynamoDB's item-size rules, roughly: names and string bytes, ~1 byte per 2 digits, 3 + 1 per map entry. */
    private static long size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().length();
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + e.getKey().length() + size(e.getValue())).sum();
        }
        return 1;
    }

    /** next.vtl rendered as API Gateway would, sent with ReturnConsumedCapacity: the write units of one call. */
    private static String writeUnits(LocalRuntime runtime, String name, String key) throws Exception {
        Map<String, String> vars = runtime.model().api().stageVariables();
        MappingContext context = MappingContext.create()
                .put("requestTimeEpoch", System.currentTimeMillis())
                .put("resourcePath", "/counters/{name}/next")
                .put("httpMethod", "POST");
        Map<String, String> headers = key.isEmpty() ? Map.of() : Map.of("Idempotency-Key", key);
        MappingInput input = new MappingInput("{}", Map.of("name", name), Map.of(), headers, vars, context);
        String rendered = new VtlEngine().compile("request/next.vtl", TemplateFiles.read("request/next.vtl"))
                .render(input);
        ObjectNode request = (ObjectNode) JSON.readTree(rendered);
        request.put("ReturnConsumedCapacity", "TOTAL");
        DynamoDbRawResponse response = runtime.dynamoDb().call("UpdateItem", JSON.writeValueAsString(request));
        JsonNode units = JSON.readTree(response.body()).path("ConsumedCapacity").path("CapacityUnits");
        return units.isMissingNode() ? "n/a (status " + response.status() + ")" : units.asText();
    }

    private static String table(LocalRuntime runtime) {
        return runtime.model().api().stageVariables().get("tableName");
    }

    private static Map<String, AttributeValue> key(LocalRuntime runtime, String name) {
        Map<String, String> vars = runtime.model().api().stageVariables();
        return Map.of(vars.get("partitionKey"), AttributeValue.fromS(name),
                vars.get("sortKey"), AttributeValue.fromS(vars.get("sortKeyValue")));
    }
}
