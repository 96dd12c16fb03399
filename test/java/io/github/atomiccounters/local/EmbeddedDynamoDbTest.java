package io.github.atomiccounters.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDynamoDbTest {

    private static EmbeddedDynamoDb ddb;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        ddb = EmbeddedDynamoDb.start(null, 0);
        System.out.printf("[EmbeddedDynamoDb] in-memory start-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        ddb.ensureTable("counters", "pk", "S", null, null, "expiresAt");
    }

    @AfterAll
    static void stop() {
        if (ddb != null) {
            ddb.close();
        }
    }

    @Test
    void endpointIsLoopbackWithTheChosenPort() {
        assertThat(ddb.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(ddb.endpoint().getPort()).isBetween(1, 65535);
        assertThat(ddb.endpoint().getScheme()).isEqualTo("http");
    }

    @Test
    void rawCallsRoundTripDynamoDbJson() {
        DynamoDbRawResponse update = ddb.call("UpdateItem", """
                {"TableName":"counters","Key":{"pk":{"S":"raw-1"}},
                 "UpdateExpression":"SET v = if_not_exists(v, :zero) + :n",
                 "ExpressionAttributeValues":{":zero":{"N":"0"},":n":{"N":"5"}},
                 "ReturnValues":"UPDATED_NEW"}""");
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.isSuccess()).isTrue();
        assertThat(update.body()).contains("\"Attributes\"").contains("\"5\"");

        DynamoDbRawResponse get = ddb.call("GetItem", "{\"TableName\":\"counters\",\"Key\":{\"pk\":{\"S\":\"raw-1\"}}}");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).contains("\"v\":{\"N\":\"5\"}");
        // what the raw call wrote is visible to the SDK client: same database
        assertThat(ddb.client().getItem(b -> b.tableName("counters")
                .key(Map.of("pk", AttributeValue.fromS("raw-1")))).item().get("v").n()).isEqualTo("5");
    }

    @Test
    void errorsComeBackRawWithStatusAndType() {
        DynamoDbRawResponse missing = ddb.call("GetItem", "{\"TableName\":\"nope\",\"Key\":{\"pk\":{\"S\":\"x\"}}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.isSuccess()).isFalse();
        assertThat(missing.body()).contains("ResourceNotFoundException");

        ddb.call("PutItem", "{\"TableName\":\"counters\",\"Item\":{\"pk\":{\"S\":\"cond\"},\"v\":{\"N\":\"1\"}}}");
        DynamoDbRawResponse failed = ddb.call("UpdateItem", """
                {"TableName":"counters","Key":{"pk":{"S":"cond"}},"UpdateExpression":"SET v = v + :n",
                 "ConditionExpression":"v > :n","ExpressionAttributeValues":{":n":{"N":"10"}},
                 "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}""");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.body()).contains("ConditionalCheckFailedException").contains("\"Item\"");

        DynamoDbRawResponse unknownAction = ddb.call("NoSuchAction", "{}");
        assertThat(unknownAction.status()).isEqualTo(400);
    }

    @Test
    void concurrentRawCallsAreAllAppliedAtomically() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        DynamoDbRawResponse r = ddb.call("UpdateItem", """
                                {"TableName":"counters","Key":{"pk":{"S":"concurrent"}},
                                 "UpdateExpression":"ADD v :one","ExpressionAttributeValues":{":one":{"N":"1"}}}""");
                        if (r.status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                });
            }
            int ok = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                ok += f.get();
            }
            assertThat(ok).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        DynamoDbRawResponse get = ddb.call("GetItem",
                "{\"TableName\":\"counters\",\"Key\":{\"pk\":{\"S\":\"concurrent\"}},\"ConsistentRead\":true}");
        assertThat(get.body()).contains("\"N\":\"" + threads * perThread + "\"");
    }

    /**
     * The in-process door hands DynamoDB Local the same request as loopback HTTP: two fresh databases, one called
     * in-process and one over TCP, answer the same sequence of calls (successes, errors with their bodies,
     * non-ASCII text, a cancelled transaction, a malformed body, an unknown action) with the same status and body.
     */
    @Test
    void inProcessCallsAnswerExactlyAsCallsOverLoopbackHttp() {
        List<String[]> calls = List.of(
                new String[] {"PutItem", "{\"TableName\":\"same\",\"Item\":{\"pk\":{\"S\":\"a\"},"
                        + "\"text\":{\"S\":\"\u00fc\u20ac\ud83d\ude00 \\\" quote\"},\"v\":{\"N\":\"1\"}}}"},
                new String[] {"UpdateItem", "{\"TableName\":\"same\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                        + "\"UpdateExpression\":\"ADD v :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"41\"}},"
                        + "\"ReturnValues\":\"ALL_NEW\"}"},
                new String[] {"UpdateItem", "{\"TableName\":\"same\",\"Key\":{\"pk\":{\"S\":\"a\"}},"
                        + "\"UpdateExpression\":\"SET v = v + :n\",\"ConditionExpression\":\"v > :n\","
                        + "\"ExpressionAttributeValues\":{\":n\":{\"N\":\"100\"}},"
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}"},
                new String[] {"TransactWriteItems", "{\"TransactItems\":[{\"ConditionCheck\":{\"TableName\":"
                        + "\"same\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ConditionExpression\":"
                        + "\"attribute_not_exists(pk)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}]}"},
                new String[] {"GetItem", "{\"TableName\":\"same\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"},
                new String[] {"GetItem", "{\"TableName\":\"missing\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"},
                new String[] {"GetItem", "{\"TableName\":\"same\",\"Key\":"},
                new String[] {"NoSuchAction", "{}"},
                new String[] {"Query", ""});
        try (EmbeddedDynamoDb inProcess = EmbeddedDynamoDb.start(null, 0);
             EmbeddedDynamoDb overHttp = EmbeddedDynamoDb.start(null, 0)) {
            assertThat(inProcess.callsInProcess()).as("the default transport").isTrue();
            inProcess.ensureTable("same", "pk", "S", null, null, null);
            overHttp.ensureTable("same", "pk", "S", null, null, null);
            for (String[] call : calls) {
                DynamoDbRawResponse viaLocal = inProcess.call(call[0], call[1]);
                DynamoDbRawResponse viaTcp = overHttp.callOverHttp(call[0],
                        call[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(viaLocal).as(call[0] + " " + call[1]).isEqualTo(viaTcp);
            }
            // and the comparison can fail: the same call on diverged data answers differently
            overHttp.call("PutItem", "{\"TableName\":\"same\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"7\"}}}");
            String get = "{\"TableName\":\"same\",\"Key\":{\"pk\":{\"S\":\"a\"}}}";
            assertThat(inProcess.call("GetItem", get))
                    .isNotEqualTo(overHttp.callOverHttp("GetItem", get.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** A call to a closed database fails at once as unreachable (API Gateway's 500), not after the 30 s timeout. */
    @Test
    void aCallToAClosedDatabaseFailsAtOnceAsUnreachable() {
        EmbeddedDynamoDb closed = EmbeddedDynamoDb.start(null, 0);
        closed.ensureTable("gone", "pk", "S", null, null, null);
        closed.close();
        assertThatThrownBy(() -> closed.call("GetItem", "{\"TableName\":\"gone\",\"Key\":{\"pk\":{\"S\":\"a\"}}}"))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }

    /**
     * The runtime's HTTP server and DynamoDB Local run on one Jetty: the version pom.xml pins is the one DynamoDB
     * Local's own pom asks for (read from its jar), so upgrading one without the other fails here.
     */
    @Test
    void theJettyOfTheRuntimeIsTheOneDynamoDbLocalWasBuiltWith() throws Exception {
        String wanted;
        try (java.io.InputStream in = EmbeddedDynamoDb.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/com/amazonaws/DynamoDBLocal/pom.xml")) {
            assertThat(in).as("DynamoDB Local's pom in its jar").isNotNull();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<jetty.version>([^<]+)</jetty.version>")
                    .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(m.find()).as("DynamoDB Local's pom names a jetty.version").isTrue();
            wanted = m.group(1);
        }
        java.util.Properties used = new java.util.Properties();
        try (java.io.InputStream in = EmbeddedDynamoDb.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.eclipse.jetty/jetty-server/pom.properties")) {
            assertThat(in).as("jetty-server's pom.properties").isNotNull();
            used.load(in);
        }
        assertThat(used.getProperty("version")).isEqualTo(wanted);
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<jetty.version>" + wanted + "</jetty.version>");
    }

    @Test
    void ensureTableCreatesKeysAndTtlAndIsIdempotent() {
        ddb.ensureTable("windows", "pk", "S", "sk", "N", "ttl");
        ddb.ensureTable("windows", "pk", "S", "sk", "N", "ttl"); // second call must not fail (TTL already on)

        TableDescription table = ddb.client().describeTable(b -> b.tableName("windows")).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        var ttl = ddb.client().describeTimeToLive(b -> b.tableName("windows")).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("ttl");
    }

    @Test
    void rawGetItemLatency() {
        ddb.call("PutItem", "{\"TableName\":\"counters\",\"Item\":{\"pk\":{\"S\":\"lat\"},\"v\":{\"N\":\"7\"}}}");
        String get = "{\"TableName\":\"counters\",\"Key\":{\"pk\":{\"S\":\"lat\"}}}";
        for (int i = 0; i < 300; i++) { // warm-up (JIT, connection pool)
            ddb.call("GetItem", get);
        }
        int n = 1000;
        long t0 = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (ddb.call("GetItem", get).body().contains("\"7\"")) {
                ok++;
            }
        }
        double avgMs = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf("[EmbeddedDynamoDb] raw GetItem: avg %.3f ms over %d calls%n", avgMs, n);
        assertThat(ok).isEqualTo(n); // correctness only: no timing assertion on a shared machine
    }

    @Test
    void persistentDatabaseSurvivesARestartAndCloseFreesThePort(@TempDir Path dir) throws Exception {
        int port;
        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.start(dir.resolve("data"), 0)) {
            port = first.endpoint().getPort();
            first.ensureTable("persisted", "pk", "S", null, null, null);
            assertThat(first.call("PutItem",
                    "{\"TableName\":\"persisted\",\"Item\":{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"42\"}}}").status())
                    .isEqualTo(200);
        }
        assertThat(canConnect(port)).as("port %d closed after close()", port).isFalse();

        long t0 = System.nanoTime();
        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.start(dir.resolve("data"), port)) {
            System.out.printf("[EmbeddedDynamoDb] persistent restart: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            assertThat(second.endpoint().getPort()).isEqualTo(port);
            assertThat(second.call("GetItem", "{\"TableName\":\"persisted\",\"Key\":{\"pk\":{\"S\":\"a\"}}}").body())
                    .contains("\"42\"");
        }
    }

    @Test
    void closeLeavesNoNonDaemonThreadsBehind() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        EmbeddedDynamoDb local = EmbeddedDynamoDb.start(null, 0);
        local.ensureTable("tmp", "pk", "S", null, null, null);
        local.call("Scan", "{\"TableName\":\"tmp\"}");
        assertThat(nonDaemonThreads()).as("DynamoDB Local runs non-daemon threads").isNotEqualTo(before);
        local.close();
        local.close(); // idempotent
        // Another DynamoDB Local of this JVM (a shared runtime of an earlier test class) keeps running its jobs: its
        // TTL deletion job starts new threads of its executor ("pool-N-thread-M") at any time. Those pools were
        // there before this instance started; a pool of this instance has a new N.
        Set<String> poolsBefore = before.stream().map(t -> poolOf(t.getName())).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<Thread> leaked = Set.of();
        for (int i = 0; i < 100; i++) { // threads end asynchronously after stop(): poll, up to 10 s
            leaked = nonDaemonThreads().stream().filter(t -> !before.contains(t))
                    .filter(t -> !poolsBefore.contains(poolOf(t.getName()))).collect(Collectors.toSet());
            if (leaked.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(leaked).extracting(t -> t.getName() + " " + java.util.Arrays.toString(t.getStackTrace()))
                .isEmpty();
    }

    @Test
    void aThreadOfAPoolThatWasThereBeforeIsAnotherInstancesAndANewPoolIsNot() {
        assertThat(poolOf("pool-1-thread-6")).isEqualTo("pool-1-");
        assertThat(poolOf("pool-12-thread-1")).isEqualTo("pool-12-").isNotEqualTo(poolOf("pool-1-thread-1"));
        assertThat(poolOf("qtp1234-56")).isNull();
    }

    /** {@code pool-N-} of an {@code Executors} thread's name, else null. */
    private static String poolOf(String threadName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(pool-\\d+-)thread-\\d+$").matcher(threadName);
        return m.matches() ? m.group(1) : null;
    }

    @Test
    void rejectsAnInvalidPort() {
        assertThatThrownBy(() -> EmbeddedDynamoDb.start(null, 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
