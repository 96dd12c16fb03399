package io.github.atomiccounters.e2e;

import io.github.atomiccounters.testing.RecordingSleeper;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.cli.VerifyCommand;
import io.github.atomiccounters.cli.verify.ContractSuite;
import io.github.atomiccounters.client.Sleeper;
import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} run in-process against local runtimes: green in each auth mode, red when the deployment is not. */
class VerifyCommandE2ETest {
    private static final String ORIGIN = "https://app.example.com";
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");
    private static final Pattern SENT = Pattern.compile("(?m)^sent (\\d+) requests");
    private static final Pattern PREFIX = Pattern.compile("counters named (verify-[0-9a-f]{8}-)\\*");
    private static final int MAX_REQUESTS = ContractSuite.MAX_CALLS * 5;

    record Run(int exit, String out, String err) {
        int passed() {
            return summary(1);
        }

        int failed() {
            return summary(2);
        }

        private int summary(int group) {
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return Integer.parseInt(m.group(group));
        }

        long sent() {
            Matcher m = SENT.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return Long.parseLong(m.group(1));
        }

        List<String> lines(String kind) {
            return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(kind + "  ")).toList();
        }

        String prefix() {
            Matcher m = PREFIX.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return m.group(1);
        }
    }

    private static Run verify(Sleeper sleeper, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new VerifyCommand(sleeper));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> iamArgs(LocalRuntime runtime, String secret) {
        return List.of("--endpoint", runtime.baseUrl().toString(), "--auth", "iam",
                "--access-key", LocalRuntime.DEFAULT_ACCESS_KEY, "--secret-key", secret);
    }

    /** Green: every line PASS (or SKIP), one line per check, the summary counts them, exit 0. */
    private static void assertGreen(Run run, int skipped) {
        assertThat(run.lines("FAIL")).as(run.out()).isEmpty();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.failed()).isZero();
        assertThat(run.passed()).isEqualTo(run.lines("PASS").size()).isGreaterThanOrEqualTo(30);
        assertThat(run.lines("SKIP")).hasSize(skipped);
        assertThat(run.out()).startsWith("verify ").contains("at most " + MAX_REQUESTS + " requests");
        assertThat(run.sent()).isBetween(1L, (long) MAX_REQUESTS);
        assertThat(run.lines("PASS")).allSatisfy(l -> assertThat(l).contains(": expected ").contains("; got "));
    }

    /** What verify left in the table under its prefix: only what the API cannot delete (TTL removes it). */
    private static void assertCleanedUp(LocalRuntime runtime, String prefix) {
        String table = runtime.model().api().stageVariables().get("tableName");
        List<String> left = new ArrayList<>();
        for (Map<String, AttributeValue> item : runtime.dynamoDb().client().scanPaginator(s -> s.tableName(table)).items()) {
            if (item.get("pk").s().startsWith(prefix)) {
                left.add(item.get("pk").s() + " " + item.get("sk").s());
            }
        }
        assertThat(left).isNotEmpty().allSatisfy(k -> assertThat(k).matches("\\S+ (window#|idempotency#).*"));
    }

    @Test
    void greenWithIamWithinItsRequestBudgetAndItCleansUp() {
        LocalRuntime runtime = Runtimes.shared(Synthesized.E2E, null);
        Run run = verify(Sleeper.threadSleep(), iamArgs(runtime, LocalRuntime.DEFAULT_SECRET_KEY).toArray(String[]::new));
        assertGreen(run, 3);  // no --origin: the CORS checks
        // nothing is throttled or unavailable here, so nothing is retried: the plain call count bounds it
        assertThat(run.sent()).isLessThanOrEqualTo(ContractSuite.MAX_CALLS);
        assertThat(run.out()).contains("PASS  a request signed with a wrong secret is refused: expected 403 "
                + "InvalidSignature; got 403 InvalidSignature");
        assertCleanedUp(runtime, run.prefix());
    }

    @Test
    void theReadmeStatesTheBudgetVerifyAnnounces() throws Exception {
        assertThat(Files.readString(Path.of("README.md"))).contains("at most " + MAX_REQUESTS + " requests");
    }

    @Test
    void greenWithAnApiKeyAtTheDefaultUsagePlanRateAndWithCors() {
        // the usage plan's default 10 requests/s (burst 20) throttles verify: the client's backoff rides it out
        LocalRuntime runtime = Runtimes.shared(Map.of("auth", "api-key", "corsOrigins", ORIGIN),
                "none");
        Run run = verify(Sleeper.threadSleep(), "--endpoint", runtime.baseUrl().toString(), "--auth", "api-key",
                "--api-key", LocalRuntime.DEFAULT_API_KEY, "--origin", ORIGIN);
        assertGreen(run, 0);
        assertThat(run.out()).contains("PASS  a CORS preflight is answered without credentials");
        assertCleanedUp(runtime, run.prefix());
    }

    @Test
    void greenWithoutAuthLikeServeNoAuth() {
        try (LocalRuntime runtime = ClientRuntimes.start(ClientRuntimes.limitedApiKeyTemplate(), false,
                Clock.systemUTC())) {
            Run run = verify(Sleeper.threadSleep(), "--endpoint", runtime.baseUrl().toString(), "--auth", "none");
            assertGreen(run, 5);  // the two auth checks and the three CORS checks
            assertCleanedUp(runtime, run.prefix());
        }
    }

    @Test
    void redWhenDynamoDbFails() {
        RecordingSleeper waits = new RecordingSleeper();
        LocalRuntime failing = Runtimes.shared(Synthesized.E2E, "internal:1.0");
        Run run = verify(waits, iamArgs(failing, LocalRuntime.DEFAULT_SECRET_KEY).toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.failed()).isGreaterThan(20);
        assertThat(run.out()).contains("FAIL  GET of a counter that never existed: expected 404 NotFound; got 503 "
                + "ServiceUnavailable");
        assertThat(run.sent()).isLessThanOrEqualTo(MAX_REQUESTS);
        assertThat(waits.waits()).as("reads were retried after Retry-After").isNotEmpty();
    }

    @Test
    void redWithWrongCredentials() {
        Run run = verify(new RecordingSleeper(), iamArgs(Runtimes.shared(Synthesized.E2E, null), "not-the-secret")
                .toArray(String[]::new));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.failed()).isGreaterThan(20);
        assertThat(run.lines("FAIL")).anySatisfy(l -> assertThat(l).contains("got 403 InvalidSignature"));
        assertThat(run.sent()).as("403 is never retried").isLessThanOrEqualTo(ContractSuite.MAX_CALLS);
    }

    @Test
    void redAndBriefWhenNothingAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run run = verify(new RecordingSleeper(), "--endpoint", "http://127.0.0.1:" + closedPort + "/v1", "--auth", "none");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines("FAIL")).singleElement().asString().contains("no answer");
        assertThat(run.out()).contains("no further checks").contains("0 passed, 1 failed");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(verify(new RecordingSleeper(), "--endpoint", "http://127.0.0.1:1/v1", "--auth", "api-key").exit())
                .isEqualTo(2);
        Run bogus = verify(new RecordingSleeper(), "--endpoint", "http://127.0.0.1:1/v1", "--auth", "kerberos");
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err()).contains("--auth must be iam, api-key, cognito or none");
        assertThat(verify(new RecordingSleeper(), "--auth", "none").exit()).isEqualTo(2);
        assertThat(verify(new RecordingSleeper(), "--endpoint", "ftp://127.0.0.1/v1", "--auth", "none").exit())
                .isEqualTo(2);
    }
}
