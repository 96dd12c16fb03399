package io.github.atomiccounters.bench;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.local.DynamoDbRawResponse;
import io.github.atomiccounters.local.EmbeddedDynamoDb;
import io.github.atomiccounters.local.LocalRuntime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The floor of {@code scripts/wrk-ratio.sh}: a bare DynamoDB Local, as a process of its own, with the table of the
 * synthesized API (read through the synthesis cache) and nothing in front of it. Writes to {@code --body} the
 * UpdateItem JSON that the increment route renders for {@code --counter} ({@link IncrementUpdateItem}), checks that
 * DynamoDB Local takes it, prints {@code floor <endpoint>} and serves until it is stopped.
 * <pre>
 * java -cp target/classes:$(cat target/cp.txt) io.github.atomiccounters.bench.FloorServer --body FILE --counter NAME
 *     [-c key=value ...]
 * </pre>
 */
public final class FloorServer {
    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        Path body = null;
        String counter = "wrk-floor";
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--body" -> body = Path.of(args[++i]);
                case "--counter" -> counter = args[++i];
                case "-c" -> {
                    String[] kv = args[++i].split("=", 2);
                    context.put(kv[0], kv[1]);
                }
                default -> {
                    System.err.println("usage: FloorServer --body FILE [--counter NAME] [-c key=value ...]");
                    System.exit(2);
                }
            }
        }
        if (body == null) {
            System.err.println("usage: FloorServer --body FILE [--counter NAME] [-c key=value ...]");
            System.exit(2);
        }
        ApiModel model = LocalRuntime.loadModel(null, context, System.out);
        Map<String, String> vars = model.api().stageVariables();
        EmbeddedDynamoDb floor = EmbeddedDynamoDb.start(null, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(floor::close, "floor-stop"));
        String sortKey = vars.getOrDefault("sortKey", "");
        floor.ensureTable(vars.get("tableName"), vars.get("partitionKey"), "S", sortKey.isEmpty() ? null : sortKey,
                "S", null);
        String updateItem = new IncrementUpdateItem().render(counter, vars, model.api().stageName());
        DynamoDbRawResponse probe = floor.call("UpdateItem", updateItem);
        if (probe.status() != 200) {
            System.err.println("DynamoDB Local refused the floor's UpdateItem: " + probe);
            System.exit(1);
        }
        Files.writeString(body, updateItem, StandardCharsets.UTF_8);
        System.out.println("floor " + floor.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
