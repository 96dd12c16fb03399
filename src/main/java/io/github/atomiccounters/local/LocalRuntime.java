package io.github.atomiccounters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.apimodel.RestApi;
import io.github.atomiccounters.apimodel.TableModel;
import io.github.atomiccounters.apimodel.UsagePlanModel;
import io.github.atomiccounters.local.pipeline.Authorizer;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder;
import io.github.atomiccounters.local.pipeline.IntegrationCall;
import io.github.atomiccounters.local.pipeline.RequestPipeline;
import io.github.atomiccounters.vtl.VtlEngine;
import io.github.atomiccounters.vtl.VtlEngineKind;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local runtime: reads the REST API and tables from a synthesized template (the project's own app,
 * synthesized in-process, unless a template file is given), creates the tables in an embedded DynamoDB Local,
 * and serves the API over HTTP through the {@link RequestPipeline}.
 */
public final class LocalRuntime implements AutoCloseable {
    /** Local SigV4 credentials (never valid on AWS), printed at start-up. */
    public static final String DEFAULT_ACCESS_KEY = "AKIALOCALCOUNTERS000";
    public static final String DEFAULT_SECRET_KEY = "local/secret/for/atomic-counters/only";
    /**
     * Local credentials of a caller whose IAM policy allows only GET routes (the README's read-only statement):
     * any other method answers 403 AccessDenied, as API Gateway does for a caller IAM denies. Printed at start-up.
     */
    public static final String READ_ONLY_ACCESS_KEY = "AKIALOCALREADONLY000";
    public static final String READ_ONLY_SECRET_KEY = "local/read-only/secret/for/atomic-counters";
    public static final String DEFAULT_REGION = "us-east-1";
    /** The API key accepted by methods that require one, printed at start-up. */
    public static final String DEFAULT_API_KEY = "local-api-key-0000000000000000000000";

    /** System property naming a file to record exchanges to when {@link Options#record()} is null (tests set it). */
    public static final String RECORD_PROPERTY = "atomiccounters.recordExchanges";

    /**
     * What to serve and how. Null template = synthesize the app in-process with cdk.json's context. {@code record}: a
     * JSON-lines file that receives every exchange reaching a mapping template ({@link ExchangeRecorder}), or null.
     * {@code engine}: the Velocity that renders the templates (null: {@link VtlEngineKind#DEFAULT}).
     */
    public record Options(Path template, Map<String, Object> context, Path dataDir, String host, int port,
                          boolean auth, String faults, String accessKey, String secretKey, String apiKey,
                          boolean logRequests, Path record, VtlEngineKind engine) {
        public static Options defaults() {
            return new Options(null, Map.of(), null, "127.0.0.1", 8080, true, null, DEFAULT_ACCESS_KEY,
                    DEFAULT_SECRET_KEY, DEFAULT_API_KEY, true, null, VtlEngineKind.DEFAULT);
        }

        public Options withEngine(VtlEngineKind newEngine) {
            return new Options(template, context, dataDir, host, port, auth, faults, accessKey, secretKey, apiKey,
                    logRequests, record, newEngine);
        }

        public Options withPort(int newPort) {
            return new Options(template, context, dataDir, host, newPort, auth, faults, accessKey, secretKey, apiKey,
                    logRequests, record, engine);
        }

        public Options withTemplate(Path newTemplate) {
            return new Options(newTemplate, context, dataDir, host, port, auth, faults, accessKey, secretKey, apiKey,
                    logRequests, record, engine);
        }

        public Options withAuth(boolean newAuth) {
            return new Options(template, context, dataDir, host, port, newAuth, faults, accessKey, secretKey, apiKey,
                    logRequests, record, engine);
        }

        public Options withFaults(String newFaults) {
            return new Options(template, context, dataDir, host, port, auth, newFaults, accessKey, secretKey, apiKey,
                    logRequests, record, engine);
        }

        public Options withContext(Map<String, Object> newContext) {
            return new Options(template, newContext, dataDir, host, port, auth, faults, accessKey, secretKey, apiKey,
                    logRequests, record, engine);
        }

        public Options withRecord(Path newRecord) {
            return new Options(template, context, dataDir, host, port, auth, faults, accessKey, secretKey, apiKey,
                    logRequests, newRecord, engine);
        }

        public Options withLogRequests(boolean newLogRequests) {
            return new Options(template, context, dataDir, host, port, auth, faults, accessKey, secretKey, apiKey,
                    newLogRequests, record, engine);
        }
    }

    private final ApiModel model;
    private final EmbeddedDynamoDb dynamoDb;
    private final LocalServer server;
    private final URI baseUrl;

    private LocalRuntime(ApiModel model, EmbeddedDynamoDb dynamoDb, LocalServer server, URI baseUrl) {
        this.model = model;
        this.dynamoDb = dynamoDb;
        this.server = server;
        this.baseUrl = baseUrl;
    }

    /**
     * Reads the API model: from the template file, or from the project's app synthesized in this process (or read
     * from the {@link SynthesisCache} when nothing that changes the synthesis changed).
     */
    public static ApiModel loadModel(Path template, Map<String, Object> context) {
        return loadModel(template, context, null);
    }

    /** As {@link #loadModel(Path, Map)}, saying on {@code log} whether the synthesis cache was used, and if not why. */
    public static ApiModel loadModel(Path template, Map<String, Object> context, PrintStream log) {
        LocalFacts facts = LocalFacts.defaults();
        if (template != null) {
            return ApiModel.fromFile(template, facts);
        }
        SynthesisCache.Outcome synthesis = SynthesisCache.configured().synthesize(Path.of("cdk.json"), context, log);
        JsonNode tree = new ObjectMapper().valueToTree(synthesis.synthesis().templateOrFail());
        return ApiModel.fromTemplate(tree, facts);
    }

    public static LocalRuntime start(Options options, PrintStream log) {
        return start(options, log, Clock.systemUTC());
    }

    /**
     * As {@link #start(Options, PrintStream)}, with the clock that stamps requests ({@code $context.requestTime*})
     * and drives throttling and signature expiry: tests move it to cross windows and days without waiting.
     */
    public static LocalRuntime start(Options options, PrintStream log, Clock clock) {
        long started = System.nanoTime();
        CompletableFuture<EmbeddedDynamoDb> startingDynamoDb = startDynamoDbMeanwhile(options.dataDir());
        ApiModel model;
        CompiledApi compiled;
        try {
            if (options.template() != null) {
                log.println("reading " + options.template() + "...");
            }
            model = loadModel(options.template(), options.context(), log);
            RestApi api = model.api();
            log.printf("API %s: %d resources, stage %s (%.1fs)%n", api.name(), api.resources().size(),
                    api.stageName(), (System.nanoTime() - started) / 1e9);
            ApiModel tablesOf = model;
            startingDynamoDb = startingDynamoDb.thenApplyAsync(dynamoDb -> withTables(tablesOf, dynamoDb),
                    LocalRuntime::onThreadOfItsOwn);
            VtlEngineKind engineKind = options.engine() == null ? VtlEngineKind.DEFAULT : options.engine();
            compiled = new CompiledApi(model, new VtlEngine(engineKind));
            log.println("mapping templates rendered by " + engineKind.cliName()
                    + (engineKind == VtlEngineKind.DEFAULT ? " (the engine API Gateway runs)" : " (alternative engine)"));
        } catch (RuntimeException | Error e) {
            startingDynamoDb.thenAccept(EmbeddedDynamoDb::close);
            throw e;
        }
        RestApi api = model.api();

        EmbeddedDynamoDb dynamoDb = await(startingDynamoDb);
        try {
            log.println("DynamoDB Local: " + dynamoDb.endpoint()
                    + " (any credentials; e.g. aws dynamodb scan --endpoint-url " + dynamoDb.endpoint() + " ...)");
            tableLines(model).forEach(log::println);
            SigV4Verifier verifier = new SigV4Verifier(Map.of(options.accessKey(), options.secretKey(),
                    READ_ONLY_ACCESS_KEY, READ_ONLY_SECRET_KEY), DEFAULT_REGION);
            Authorizer authorizer = new Authorizer(options.auth(), verifier, Set.of(options.apiKey()), clock,
                    Set.of(READ_ONLY_ACCESS_KEY));
            StageThrottle throttle = throttle(api, options.apiKey(), clock);
            IntegrationCall integration = new IntegrationCall(dynamoDb, FaultInjector.parse(options.faults()));
            Path record = options.record() != null ? options.record()
                    : System.getProperty(RECORD_PROPERTY) == null ? null : Path.of(System.getProperty(RECORD_PROPERTY));
            ExchangeRecorder recorder = record == null ? null : ExchangeRecorder.toFile(record);
            if (options.record() != null) {
                log.println("recording exchanges to " + options.record());
            }
            RequestPipeline pipeline = new RequestPipeline(compiled, authorizer, throttle, integration, clock,
                    recorder);
            LocalServer server = LocalServer.start(options.host(), options.port(), pipeline,
                    options.logRequests() ? log : null);
            URI baseUrl = URI.create("http://" + options.host() + ":" + server.port() + "/" + api.stageName());
            if (!options.auth()) {
                log.println("WARNING: --no-auth: every method is open, whatever the template says");
            } else {
                log.println("IAM (SigV4) credentials: access key " + options.accessKey() + ", secret key "
                        + options.secretKey() + ", region " + DEFAULT_REGION + ", service execute-api");
                log.println("API key (x-api-key): " + options.apiKey());
                log.println("Read-only IAM credentials (GET routes only; others answer 403 AccessDenied): access key "
                        + READ_ONLY_ACCESS_KEY + ", secret key " + READ_ONLY_SECRET_KEY);
            }
            if (options.faults() != null) {
                log.println("fault injection: " + options.faults());
            }
            log.printf("ready in %.1fs (JVM uptime %.1fs)%n", (System.nanoTime() - started) / 1e9,
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
            return new LocalRuntime(model, dynamoDb, server, baseUrl);
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    /**
     * DynamoDB Local starting on a thread of its own: its first start in a JVM is seconds of class loading, which
     * runs on the second core while this thread reads the API and compiles its templates and models; then, once
     * the API is read, that thread creates its tables (the first calls load DynamoDB Local's request handling).
     */
    private static CompletableFuture<EmbeddedDynamoDb> startDynamoDbMeanwhile(Path dataDir) {
        return CompletableFuture.supplyAsync(() -> EmbeddedDynamoDb.start(dataDir, 0), LocalRuntime::onThreadOfItsOwn);
    }

    private static void onThreadOfItsOwn(Runnable task) {
        Thread thread = new Thread(task, "dynamodb-local-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Creates the tables of the API; a failure closes DynamoDB Local (nobody else will) and fails the start. */
    private static EmbeddedDynamoDb withTables(ApiModel model, EmbeddedDynamoDb dynamoDb) {
        try {
            createTables(model, dynamoDb);
            return dynamoDb;
        } catch (RuntimeException | Error e) {
            dynamoDb.close();
            throw e;
        }
    }

    private static EmbeddedDynamoDb await(CompletableFuture<EmbeddedDynamoDb> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Every table of the template, plus a table the stage variables name that the template does not create. */
    private static void createTables(ApiModel model, EmbeddedDynamoDb dynamoDb) {
        for (TableModel t : model.tables()) {
            dynamoDb.ensureTable(t.tableName(), t.partitionKey(), t.partitionKeyType(), t.sortKey(), t.sortKeyType(),
                    t.ttlAttribute());
        }
        String name = localOnlyTable(model);
        if (name != null) {
            Map<String, String> vars = model.api().stageVariables();
            dynamoDb.ensureTable(name, vars.get("partitionKey"), "S", vars.get("sortKey"), "S", null);
        }
    }

    /** What {@link #createTables} created, a line each, for the start-up log. */
    private static List<String> tableLines(ApiModel model) {
        List<String> lines = new ArrayList<>();
        for (TableModel t : model.tables()) {
            lines.add("table " + t.tableName() + " (" + t.partitionKey()
                    + (t.sortKey() == null ? "" : ", " + t.sortKey()) + ")");
        }
        String name = localOnlyTable(model);
        if (name != null) {
            lines.add("table " + name + " (existing table on AWS; created locally)");
        }
        return lines;
    }

    /** The table the stage variables name when the template does not create it (an existing table on AWS). */
    private static String localOnlyTable(ApiModel model) {
        Map<String, String> vars = model.api().stageVariables();
        String name = vars.get("tableName");
        return name != null && model.tableNamed(name).isEmpty() && vars.containsKey("partitionKey") ? name : null;
    }

    private static StageThrottle throttle(RestApi api, String apiKey, Clock clock) {
        StageThrottle throttle = api.stageThrottle() == null ? StageThrottle.unlimited(clock)
                : new StageThrottle(api.stageThrottle().rateLimit(), api.stageThrottle().burstLimit(), clock);
        for (UsagePlanModel plan : api.usagePlans()) {
            double rate = plan.throttle() == null ? 1_000_000 : plan.throttle().rateLimit();
            int burst = plan.throttle() == null ? 1_000_000 : plan.throttle().burstLimit();
            StageThrottle.UsagePlan usage = plan.quota() == null
                    ? StageThrottle.UsagePlan.throttleOnly(rate, burst)
                    : new StageThrottle.UsagePlan(rate, burst, plan.quota().limit(),
                        StageThrottle.QuotaPeriod.valueOf(plan.quota().period()));
            throttle.registerApiKey(apiKey, usage);
            break;  // the local key stands for every key of the (first) plan
        }
        return throttle;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public ApiModel model() {
        return model;
    }

    public EmbeddedDynamoDb dynamoDb() {
        return dynamoDb;
    }

    @Override
    public void close() {
        server.close();
        dynamoDb.close();
    }
}
