package io.github.atomiccounters.cli;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.SynthesisCache;
import io.github.atomiccounters.vtl.VtlEngineKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the synthesized API on this machine, on embedded DynamoDB Local, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the counter API locally: the synthesized REST API on embedded DynamoDB Local.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--template", description = "A synthesized CloudFormation template to serve instead of the project's own app.")
    Path template;

    @Option(names = "--data-dir", description = "Persist DynamoDB Local's data in this directory (default: in memory).")
    Path dataDir;

    @Option(names = "--no-auth", description = "Turn authentication checks off (a warning is printed).")
    boolean noAuth;

    @Option(names = "--fault", description = "Inject DynamoDB errors, e.g. throttle:0.2,internal:0.05 (names: throttle, throttling, internal, unavailable, transaction-throttled, transaction-invalid, conflict, transaction-conflict; rates 0..1).")
    String fault;

    @Option(names = {"-c", "--context"}, description = "CDK context for the in-process synthesis, like cdk -c key=value (e.g. auth=api-key).")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--access-key", defaultValue = LocalRuntime.DEFAULT_ACCESS_KEY, description = "Local SigV4 access key id. Default: ${DEFAULT-VALUE}")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = LocalRuntime.DEFAULT_SECRET_KEY, description = "Local SigV4 secret key. Default: ${DEFAULT-VALUE}")
    String secretKey;

    @Option(names = "--api-key", defaultValue = LocalRuntime.DEFAULT_API_KEY, description = "Local API key for x-api-key. Default: ${DEFAULT-VALUE}")
    String apiKey;

    @Option(names = "--quiet", description = "No log line per request.")
    boolean quiet;

    @Option(names = "--record", description = "Append every exchange that reaches a mapping template (what the "
            + "template saw, rendered and got back) to this JSON-lines file, truncated at start.")
    Path record;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "velocity-1.7", converter = EngineOption.class,
            description = EngineOption.DESCRIPTION)
    VtlEngineKind engine;

    @Override
    public Integer call() throws Exception {
        LocalRuntime.Options options = new LocalRuntime.Options(template, new LinkedHashMap<>(context), dataDir, host,
                port, !noAuth, fault, accessKey, secretKey, apiKey, !quiet, record, engine);
        LocalRuntime runtime = LocalRuntime.start(options, System.out);
        releaseSynthesisRuntime();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            runtime.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println(runtime.baseUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A cold start synthesized the app: its jsii Node.js processes (~600 MiB) are not needed while serving. */
    private static void releaseSynthesisRuntime() {
        if (SynthesisCache.stopJsiiRuntime()) {
            System.out.println("synthesis done: jsii's Node.js runtime stopped");
        }
    }
}
