package io.github.atomiccounters.cli;

import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.cli.verify.ContractSuite;
import io.github.atomiccounters.cli.verify.Report;
import io.github.atomiccounters.client.Auth;
import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.client.RetryPolicy;
import io.github.atomiccounters.client.Sleeper;
import io.github.atomiccounters.local.LocalRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code verify}: the README's contract checked against any deployment, through {@link CounterClient}. Exit code 0
 * only if every check passed.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a deployment against the HTTP contract: every route, its errors (400, 403, 404, the "
                + "409s, 415), a bounded race, a concurrent next burst, idempotency, a rate-limit window, shards and "
                + "CORS. Works on counters under a random prefix and deletes them; sends at most "
                + VerifyCommand.MAX_REQUESTS_TEXT + " requests.",
                "Exit code: 0 if every check passed, 1 if any failed, 2 for a usage error."})
public final class VerifyCommand implements Callable<Integer> {
    /** Attempts per call: enough to ride out an API key's default 10 requests/s through the client's backoff. */
    static final int MAX_ATTEMPTS = 5;
    static final String MAX_REQUESTS_TEXT = "" + ContractSuite.MAX_CALLS * MAX_ATTEMPTS;

    @Option(names = "--endpoint", required = true,
            description = "The API's base URL, stage included (the stack's ApiUrl output, or serve's URL).")
    URI endpoint;

    @Option(names = "--auth", defaultValue = "iam",
            description = "How the deployment authenticates: iam, api-key, cognito or none. Default: ${DEFAULT-VALUE}")
    String auth;

    @Option(names = "--api-key", description = "The API key (with --auth api-key).")
    String apiKey;

    @Option(names = "--token", description = "A Cognito ID token (with --auth cognito).")
    String token;

    @Option(names = "--region", description = "SigV4 region (with --auth iam). Default: from an execute-api "
            + "endpoint, else us-east-1.")
    String region;

    @Option(names = "--access-key", description = "SigV4 access key id (with --auth iam). Default: the AWS default "
            + "credentials chain. `serve` prints its local one: " + LocalRuntime.DEFAULT_ACCESS_KEY)
    String accessKey;

    @Option(names = "--secret-key", description = "SigV4 secret key, with --access-key.")
    String secretKey;

    @Option(names = "--session-token", description = "SigV4 session token, with --access-key (temporary credentials).")
    String sessionToken;

    @Option(names = "--origin", description = "Also check CORS headers for this origin (e.g. https://app.example.com).")
    String origin;

    @Spec
    CommandSpec spec;

    private final Sleeper sleeper;

    /** The command as the CLI runs it: waits between retries really sleep. */
    public VerifyCommand() {
        this(Sleeper.threadSleep());
    }

    /** The command with another sleeper: tests pass one that records the waits instead of sleeping. */
    public VerifyCommand(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() {
        AuthMode mode = mode();
        PrintWriter out = spec.commandLine().getOut();
        String prefix = "verify-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ContractSuite.Clients clients;
        try {
            clients = new ContractSuite.Clients(client(mainAuth(mode)), client(Auth.none()), client(wrongAuth(mode)));
        } catch (IllegalArgumentException e) {
            throw usage("--endpoint: " + e.getMessage());
        }
        out.printf("verify %s (auth %s): counters named %s*; at most %s requests (%d calls, each at most %d "
                        + "attempts when throttled or unavailable)%n", endpoint, auth, prefix, MAX_REQUESTS_TEXT,
                ContractSuite.MAX_CALLS, MAX_ATTEMPTS);
        out.flush();
        Report report = new Report(out);
        new ContractSuite(clients, mode, origin, prefix, report).run();
        out.printf("sent %d requests%s%n", clients.requestsSent(),
                report.skipped() == 0 ? "" : "; " + report.skipped() + " checks skipped");
        out.printf("%d passed, %d failed%n", report.passed(), report.failed());
        out.flush();
        return report.failed() == 0 && report.passed() > 0 ? 0 : 1;
    }

    private AuthMode mode() {
        AuthMode mode;
        try {
            mode = AuthMode.parse(auth);
        } catch (IllegalArgumentException e) {
            throw usage("--auth must be iam, api-key, cognito or none, got " + auth);
        }
        if (mode == AuthMode.API_KEY && apiKey == null) {
            throw usage("--auth api-key needs --api-key");
        }
        if (mode == AuthMode.COGNITO && token == null) {
            throw usage("--auth cognito needs --token");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw usage("--access-key and --secret-key go together");
        }
        return mode;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Values are what the checks read, so no automatic keys; retries ride out throttling (429 proves nothing ran). */
    private CounterClient client(Auth clientAuth) {
        return CounterClient.builder().endpoint(endpoint).auth(clientAuth).autoIdempotencyKeys(false)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(MAX_ATTEMPTS)
                        .withInitialBackoff(Duration.ofMillis(250)).withMaxDelay(Duration.ofSeconds(10)))
                .sleeper(sleeper).build();
    }

    private Auth mainAuth(AuthMode mode) {
        return switch (mode) {
            case IAM -> Auth.iam(credentials(), region);
            case API_KEY -> Auth.apiKey(apiKey);
            case COGNITO -> Auth.cognito(token);
            case NONE -> Auth.none();
        };
    }

    /** The same identity with a wrong secret, a wrong key or a malformed token. */
    private Auth wrongAuth(AuthMode mode) {
        return switch (mode) {
            case IAM -> Auth.iam(wrongSecret(credentials()), region);
            case API_KEY -> Auth.apiKey("wrong-" + UUID.randomUUID());
            case COGNITO -> Auth.cognito("not-a-token");
            case NONE -> Auth.none();
        };
    }

    private AwsCredentialsProvider credentials() {
        if (accessKey == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    /** Resolved when the check signs (so missing credentials fail checks, not the command's start). */
    private static AwsCredentialsProvider wrongSecret(AwsCredentialsProvider real) {
        return () -> {
            AwsCredentials c = real.resolveCredentials();
            String wrong = "wrong" + c.secretAccessKey();
            return c instanceof AwsSessionCredentials s
                    ? AwsSessionCredentials.create(s.accessKeyId(), wrong, s.sessionToken())
                    : AwsBasicCredentials.create(c.accessKeyId(), wrong);
        };
    }
}
