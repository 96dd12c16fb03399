package io.github.atomiccounters.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomiccounters.local.EmbeddedDynamoDb;
import io.github.atomiccounters.local.LocalRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench}: how much of DynamoDB Local's own throughput the local runtime keeps.
 *
 * <p>In one JVM and one run, for each concurrency C of the sweep, two closed-loop load steps:
 * <ul>
 *   <li><b>floor</b>: a bare DynamoDB Local HTTP server, sent the very UpdateItem JSON that
 *       {@code request/increment.vtl} renders (rendered once per worker with the real template), as API Gateway's
 *       AWS integration would POST it;</li>
 *   <li><b>product</b>: the local runtime serving the synthesized API, sent
 *       {@code POST {base}/counters/{name}/increment {"by":1}}: routing, auth (off unless {@code --auth}),
 *       throttling, validation against the model, request template, the same UpdateItem to its own DynamoDB
 *       Local, response selection and response template.</li>
 * </ul>
 * The two steps of one C run back to back, so machine noise hits both; the ratio product/floor is the figure.
 * By default each worker updates its own counter (no item contention, the common case of many counters);
 * {@code --shared-counter} makes all workers update one counter.
 *
 * <p>The load generator runs in the same process and on the same cores as both servers, as it would on a
 * developer machine; it costs the same on both sides except for SigV4 signing with {@code --auth}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the local runtime against its floor, a bare DynamoDB Local, in one run.",
                "Prints a table (req/s, ratio, p50/p99/max per concurrency), start-up time and resident memory."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--concurrency", defaultValue = "1,4,16,64", paramLabel = "C,C,...",
            description = "Concurrent closed-loop clients per step, as a sweep. Default: ${DEFAULT-VALUE}")
    String concurrency;

    @Option(names = "--duration", defaultValue = "10s", description = "Measured time per step (ms, s, m). Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--warmup", defaultValue = "3s", description = "Warm-up per step, not measured. Default: ${DEFAULT-VALUE}")
    String warmup;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Write a chart: req/s vs concurrency for both sides, and the ratio.")
    Path chart;

    @Option(names = "--template", paramLabel = "FILE", description = "Serve this synthesized template instead of synthesizing the app in-process.")
    Path template;

    @Option(names = "--auth", negatable = true, defaultValue = "false",
            description = "Sign every product request with SigV4 as a real caller would (runtime with auth on). Default: off (--no-auth runtime).")
    boolean auth;

    @Option(names = "--shared-counter", description = "All workers update one counter (shows item contention) instead of one counter each.")
    boolean sharedCounter;

    @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
            description = "CDK context for the in-process synthesis. The bench sets throttleRate=10000 and throttleBurst=5000 "
                    + "(AWS's default account limits) unless given, so the stage throttle (100 req/s by default) does not cap the product.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--product-url", paramLabel = "URL",
            description = "Drive an already running 'serve' (stage base URL, e.g. http://127.0.0.1:8080/v1) instead of starting one in this process. "
                    + "No start-up time then; the resident memory printed is this process's.")
    URI productUrl;

    private static final String ACCESS_KEY = LocalRuntime.DEFAULT_ACCESS_KEY;
    private static final String SECRET_KEY = LocalRuntime.DEFAULT_SECRET_KEY;
    /** DynamoDB Local checks only the shape of the Authorization header. */
    private static final String DDB_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/"
            + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
    private static final String INCREMENT_BODY = IncrementUpdateItem.BODY;

    public BenchCommand() {
    }

    public static void main(String[] args) {
        // DynamoDB Local's threads are not daemons: exit explicitly
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Integer> sweep = BenchArgs.parseSweep(concurrency);
        Duration measure = BenchArgs.parseDuration(duration);
        Duration warm = BenchArgs.parseDuration(warmup);
        if (measure.isZero()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration must be more than 0");
        }
        System.setProperty("java.awt.headless", "true");
        PrintStream out = System.out;

        Map<String, Object> synthContext = new LinkedHashMap<>(context);
        synthContext.putIfAbsent("throttleRate", "10000");
        synthContext.putIfAbsent("throttleBurst", "5000");

        LocalRuntime runtime = null;
        EmbeddedDynamoDb floor = null;
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemon("bench-http-"));
        try {
            // 1. the product first, in a JVM where nothing of it is loaded yet: launch to first answered request
            URI base;
            Map<String, String> stageVariables;
            double startupSeconds = -1;
            double startupJvmUptimeSeconds = -1;
            HttpClient productHttp = client(httpThreads);
            if (productUrl == null) {
                long launched = System.nanoTime();
                LocalRuntime.Options options = LocalRuntime.Options.defaults().withPort(0).withAuth(auth)
                        .withLogRequests(false).withTemplate(template).withContext(synthContext);
                runtime = LocalRuntime.start(options, out);
                base = runtime.baseUrl();
                int status = productCall(productHttp, base, "bench-startup-probe").call() ? 200 : -1;
                startupSeconds = (System.nanoTime() - launched) / 1e9;
                startupJvmUptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
                if (status != 200) {
                    out.println("[bench] the first request to " + base + " failed: is the stage throttled or auth on?");
                    return 1;
                }
                stageVariables = runtime.model().api().stageVariables();
                out.printf("[bench] start-up: first answered request %.2f s after LocalRuntime.start "
                        + "(JVM uptime %.2f s)%n", startupSeconds, startupJvmUptimeSeconds);
            } else {
                base = URI.create(productUrl.toString().replaceAll("/+$", ""));
                stageVariables = Map.of("tableName", "AtomicCounters-CountersTable", "partitionKey", "pk",
                        "sortKey", "sk", "sortKeyValue", "counter");
            }
            ProcStatus.Memory afterStart = ProcStatus.self();
            double childrenAfterStart = ProcStatus.childrenRssMiB();

            // 2. the floor: a second DynamoDB Local with the same table, fed what the template renders
            floor = EmbeddedDynamoDb.start(null, 0);
            String sortKey = stageVariables.getOrDefault("sortKey", "");
            floor.ensureTable(stageVariables.get("tableName"), stageVariables.get("partitionKey"), "S",
                    sortKey.isEmpty() ? null : sortKey, "S", null);
            IncrementUpdateItem increment = new IncrementUpdateItem();
            String stage = runtime != null ? runtime.model().api().stageName() : base.getPath().replaceAll("^/+", "");
            HttpClient floorHttp = client(httpThreads);
            URI floorEndpoint = floor.endpoint();
            if (!floorCall(floorHttp, floorEndpoint, increment.render("bench-floor-probe", stageVariables, stage)).call()) {
                out.println("[bench] the floor's UpdateItem failed");
                return 1;
            }
            out.println("[bench] floor: DynamoDB Local at " + floorEndpoint + ", product: " + base
                    + (auth ? " (SigV4-signed requests)" : " (--no-auth)") + ", "
                    + (sharedCounter ? "one shared counter" : "one counter per worker"));

            // 3. the sweep, floor and product back to back at each C
            RssSampler sampler = new RssSampler();
            sampler.start();
            List<LoadStep.Result[]> rows = new ArrayList<>();
            for (int c : sweep) {
                LoadStep.Result f = LoadStep.run("floor", c, w -> floorCall(floorHttp, floorEndpoint,
                        increment.render(counterName("floor", c, w), stageVariables, stage)), warm, measure, out);
                LoadStep.Result p = LoadStep.run("product", c, w -> productCall(productHttp, base,
                        counterName("product", c, w)), warm, measure, out);
                rows.add(new LoadStep.Result[] {f, p});
            }
            sampler.stop();
            ProcStatus.Memory end = ProcStatus.self();
            double children = Math.max(childrenAfterStart, ProcStatus.childrenRssMiB());

            BenchReport report = new BenchReport(rows, startupSeconds, startupJvmUptimeSeconds, afterStart.rssMiB(),
                    sampler.maxRssMiB(), end.peakMiB(), children, auth, sharedCounter, productUrl != null,
                    LoadStep.human(warm), LoadStep.human(measure));
            report.printTable(out);
            if (json != null) {
                writeJson(report, json);
                out.println("[bench] wrote " + json);
            }
            if (chart != null) {
                report.writeChart(chart);
                out.println("[bench] wrote " + chart);
            }
            return 0;
        } finally {
            if (floor != null) {
                floor.close();
            }
            if (runtime != null) {
                runtime.close();
            }
            httpThreads.shutdownNow();
        }
    }

    private String counterName(String side, int c, int worker) {
        return sharedCounter ? "bench-" + side + "-shared" : "bench-" + side + "-c" + c + "-w" + worker;
    }

    private static LoadStep.Call floorCall(HttpClient http, URI endpoint, String updateItemJson) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.UpdateItem")
                .header("Authorization", DDB_AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(updateItemJson))
                .build();
        return () -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
    }

    private LoadStep.Call productCall(HttpClient http, URI base, String name) {
        URI uri = URI.create(base + "/counters/" + name + "/increment");
        byte[] body = INCREMENT_BODY.getBytes(StandardCharsets.UTF_8);
        if (!auth) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return () -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        }
        AwsV4HttpSigner signer = AwsV4HttpSigner.create();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY);
        return () -> {
            // signed per request, as a caller must: the signature covers X-Amz-Date
            SignedRequest signed = signer.sign(r -> r
                    .identity(credentials)
                    .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                            .putHeader("Content-Type", "application/json").build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, LocalRuntime.DEFAULT_REGION));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signed.request().headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Type")) {
                    request.header(k, v.get(0));
                }
            });
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        };
    }

    private static HttpClient client(ExecutorService executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void writeJson(BenchReport report, Path file) throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        doc.put("machine", Map.of(
                "availableProcessors", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        doc.putAll(report.asMap());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /** Samples VmRSS every 250 ms during the sweep. */
    private static final class RssSampler {
        private volatile boolean running = true;
        private volatile double max;
        private final Thread thread = new Thread(() -> {
            while (running) {
                max = Math.max(max, ProcStatus.self().rssMiB());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            max = Math.max(max, ProcStatus.self().rssMiB());
        }

        double maxRssMiB() {
            return max;
        }
    }
}
