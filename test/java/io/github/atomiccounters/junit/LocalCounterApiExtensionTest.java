package io.github.atomiccounters.junit;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.cdk.AuthMode;
import io.github.atomiccounters.client.AccessDeniedException;
import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.client.NotFoundException;
import io.github.atomiccounters.testing.MutableClock;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The JUnit extension as a consumer's test uses it: fixture test classes (static nested classes, which Surefire
 * does not run by itself) run through the Jupiter engine and assert what they were given; the tests here require
 * every fixture test to pass, and check what only shows after the run (the API stopped) from what the fixtures
 * recorded.
 */
class LocalCounterApiExtensionTest {

    /** What the fixtures saw, for checks after their run; cleared before each run. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path template(Map<String, String> context) {
        return Synthesized.of(context).file();
    }

    static EngineExecutionResults run(Class<?> fixture) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    static void assertAllPassed(EngineExecutionResults results, int tests) {
        List<String> failures = results.allEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload()).toList();
        assertThat(failures).as("failed events").isEmpty();
        results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
    }

    static int status(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static void assertRefusesConnections(URI uri) {
        assertThatThrownBy(() -> status(uri)).as("%s after the class", uri).isInstanceOf(ConnectException.class);
    }

    // --- start, inject, stop

    static class Injected {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).log(QUIET).build();

        final CounterClient constructorClient;

        Injected(CounterClient client) {
            this.constructorClient = client;
        }

        @BeforeAll
        static void beforeAll(LocalCounterApi api) {
            SEEN.put("beforeAll", api);
            assertThat(COUNTERS.api()).isSameAs(api);
        }

        @Test
        void parametersAreTheRunningApiAndItsClient(LocalCounterApi api, CounterClient client) throws Exception {
            SEEN.put("test.api", api);
            assertThat(api).isSameAs(SEEN.get("beforeAll"));
            assertThat(client).isSameAs(api.client()).isSameAs(constructorClient);
            assertThat(api.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
            assertThat(api.authMode()).isEqualTo(AuthMode.IAM);
            assertThat(api.tableName()).isNotBlank();
            client.increment("likes");
            assertThat(client.get("likes").value()).isEqualByComparingTo("1");
            // IAM is on: the same read without a signature is API Gateway's 403 MissingAuthenticationToken
            assertThat(status(URI.create(api.endpoint() + "/counters/likes"))).isEqualTo(403);
        }
    }

    @Test
    void startsBeforeTheClassInjectsTheApiAndItsClientAndStopsAfterTheClass() {
        assertAllPassed(run(Injected.class), 1);

        LocalCounterApi api = (LocalCounterApi) SEEN.get("test.api");
        assertRefusesConnections(api.endpoint());
        assertRefusesConnections(api.dynamoDbEndpoint());
        assertThatThrownBy(Injected.COUNTERS::api).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no local counter API is running");
    }

    // --- table reset: a pair, the same two ordered tests under each mode

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class TwoIncrements {
        /** What the second test finds before it increments: "none" (the counter is gone) or 1L. */
        abstract Object leftByTheFirst();

        @Test
        @Order(1)
        void first(CounterClient client) {
            client.increment("visits");
            assertThat(read(client, "visits")).isEqualTo(1L);
        }

        @Test
        @Order(2)
        void second(CounterClient client) {
            assertThat(read(client, "visits")).isEqualTo(leftByTheFirst());
            client.increment("visits");
            SEEN.put("second", read(client, "visits"));
        }
    }

    static Object read(CounterClient client, String name) {
        try {
            return client.get(name).value().longValue();
        } catch (NotFoundException none) {
            return "none";
        }
    }

    static class ResetBeforeEachTest extends TwoIncrements {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).reset(TableReset.BEFORE_EACH_TEST).log(QUIET).build();

        @Override
        Object leftByTheFirst() {
            return "none";
        }
    }

    static class ResetBeforeEachClass extends TwoIncrements {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).reset(TableReset.BEFORE_EACH_CLASS).log(QUIET).build();

        @Override
        Object leftByTheFirst() {
            return 1L;
        }
    }

    @Test
    void beforeEachTestEveryTestStartsFromAnEmptyTable() {
        assertAllPassed(run(ResetBeforeEachTest.class), 2);
        assertThat(SEEN).containsEntry("second", 1L);
    }

    @Test
    void beforeEachClassTheTestsOfTheClassSeeEachOthersWrites() {
        assertAllPassed(run(ResetBeforeEachClass.class), 2);
        assertThat(SEEN).containsEntry("second", 2L);
    }

    /** A nested class shares the enclosing class's API; with BEFORE_EACH_CLASS it starts from an empty table. */
    static class Enclosing {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).reset(TableReset.BEFORE_EACH_CLASS).log(QUIET).build();

        @BeforeAll
        static void write(CounterClient client) {
            client.increment("outer");
        }

        @Test
        void outer(LocalCounterApi api, CounterClient client) {
            SEEN.put("outer.api", api);
            assertThat(read(client, "outer")).isEqualTo(1L);
        }

        @Nested
        class Inner {
            @Test
            void inner(LocalCounterApi api, CounterClient client) {
                // JUnit runs the enclosing class's tests first
                assertThat(api).isSameAs(SEEN.get("outer.api"));
                assertThat(read(client, "outer")).as("emptied before the nested class").isEqualTo("none");
            }
        }
    }

    @Test
    void nestedClassesShareTheEnclosingApi() {
        assertAllPassed(run(Enclosing.class), 2);
        assertRefusesConnections(((LocalCounterApi) SEEN.get("outer.api")).endpoint());
    }

    /** On an instance field the extension is registered per test: an API per test, stopped after it. */
    static class InstanceField {
        @RegisterExtension
        final LocalCounterApiExtension counters = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).log(QUIET).build();

        @Test
        void one(LocalCounterApi api) {
            SEEN.put("one", api);
            assertThat(counters.api()).isSameAs(api);
        }

        @Test
        void two(LocalCounterApi api) {
            SEEN.put("two", api);
            assertThat(counters.api()).isSameAs(api);
        }
    }

    @Test
    void onAnInstanceFieldEachTestHasAnApiOfItsOwn() {
        assertAllPassed(run(InstanceField.class), 2);
        LocalCounterApi one = (LocalCounterApi) SEEN.get("one");
        LocalCounterApi two = (LocalCounterApi) SEEN.get("two");
        assertThat(one.endpoint()).isNotEqualTo(two.endpoint());
        assertRefusesConnections(one.endpoint());
        assertRefusesConnections(two.endpoint());
    }

    // --- auth modes: the credentials the API takes, and the client uses

    static class ApiKeyMode {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.API_KEY)).log(QUIET).build();

        @Test
        void clientSendsTheKey(LocalCounterApi api, CounterClient client) throws Exception {
            assertThat(api.authMode()).isEqualTo(AuthMode.API_KEY);
            client.increment("keyed");
            assertThat(read(client, "keyed")).isEqualTo(1L);
            assertThat(status(URI.create(api.endpoint() + "/counters/keyed"))).as("without a key").isEqualTo(403);
        }
    }

    static class CognitoMode {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.COGNITO)).log(QUIET).build();

        @Test
        void clientSendsALocalIdToken(LocalCounterApi api, CounterClient client) throws Exception {
            assertThat(api.authMode()).isEqualTo(AuthMode.COGNITO);
            client.increment("signed-in");
            assertThat(read(client, "signed-in")).isEqualTo(1L);
            assertThat(status(URI.create(api.endpoint() + "/counters/signed-in"))).as("without a token")
                    .isEqualTo(401);
        }
    }

    static class NoAuth {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).noAuth().log(QUIET).build();

        @Test
        void anyoneIsLetIn(LocalCounterApi api, CounterClient client) throws Exception {
            assertThat(api.authMode()).isEqualTo(AuthMode.NONE);
            client.increment("open");
            assertThat(status(URI.create(api.endpoint() + "/counters/open"))).as("unsigned").isEqualTo(200);
        }
    }

    @Test
    void apiKeyModeTheClientSendsTheLocalKeyAndARequestWithoutOneIsRefused() {
        assertAllPassed(run(ApiKeyMode.class), 1);
    }

    @Test
    void cognitoModeTheClientSendsALocalTokenAndARequestWithoutOneIsRefused() {
        assertAllPassed(run(CognitoMode.class), 1);
    }

    @Test
    void noAuthLetsAnyRequestIn() {
        assertAllPassed(run(NoAuth.class), 1);
    }

    // --- the default: this library's stack, through @ExtendWith

    @ExtendWith(LocalCounterApiExtension.class)
    static class DefaultStack {
        @Test
        void servesTheLibrarysStack(LocalCounterApi api, CounterClient client) {
            assertThat(api.authMode()).isEqualTo(AuthMode.IAM);
            // the same stack as cdk.json's context synthesizes
            assertThat(api.tableName()).isEqualTo(ApiModel.fromFile(template(Synthesized.DEFAULT)).api()
                    .stageVariables().get("tableName"));
            client.increment("default");
            assertThat(read(client, "default")).isEqualTo(1L);
        }
    }

    @Test
    void extendWithServesTheLibrarysOwnStackWithEveryDefault() {
        assertAllPassed(run(DefaultStack.class), 1);
    }

    // --- the API's clock: a pair, the injected client signs with it, a client on the system clock does not

    static final Instant YEAR_2031 = MutableClock.oneSecondBeforeMidnight();

    static class MovedClock {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).clock(new MutableClock(YEAR_2031)).log(QUIET).build();

        @Test
        void signaturesAreDatedByTheApisClock(LocalCounterApi api, CounterClient client) {
            client.increment("dated");
            assertThat(read(client, "dated")).isEqualTo(1L);
            CounterClient systemClock = CounterClient.builder().endpoint(api.endpoint()).auth(api.auth())
                    .clock(Clock.systemUTC()).build();
            assertThatThrownBy(() -> systemClock.get("dated")).as("signed years away from the API's clock")
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            refused -> assertThat(refused.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void theInjectedClientSignsWithTheApisClockAndAClientOnAnotherClockIsRefused() {
        assertAllPassed(run(MovedClock.class), 1);
    }

    // --- bad configurations fail the class with a message that says what to do

    static class MissingTemplate {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(Path.of("target", "no-such-dir", "Nothing.template.json")).log(QUIET).build();

        @BeforeEach
        void neverRuns() {
            SEEN.put("ran", true);
        }

        @Test
        void never() {
            fail("a test ran without its API");
        }
    }

    @Test
    void aMissingTemplateFailsTheClassNamingTheFileAndRunsNoTest() {
        EngineExecutionResults results = run(MissingTemplate.class);
        results.testEvents().assertStatistics(s -> s.started(0));
        Optional<Throwable> failure = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable()).flatMap(Optional::stream)
                .findFirst();
        assertThat(failure).get().isInstanceOf(ExtensionConfigurationException.class).asString()
                .contains("no synthesized template at", "Nothing.template.json", "synthesize the CDK app first");
        assertThat(SEEN).doesNotContainKey("ran");
    }

    @Test
    void aTemplateWithContextOptionsIsRefused() {
        assertThatThrownBy(() -> LocalCounterApiExtension.builder().template(Path.of("x.template.json"))
                .context("auth", "none").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apply to this library's own stack");
    }
}
