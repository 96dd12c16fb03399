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
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The JUnit extension as a consumer's test uses it: fixture test classes (static nested classes, which Surefire
 * does not run by itself) run through the Jupiter engine, record what they were given, and the assertions here
 * check it after the run: started before the class, injected, tables emptied or not, stopped after the class.
 */
class LocalCounterApiExtensionTest {

    /** What the fixtures saw, by "Fixture.what"; cleared before each run. */
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
            SEEN.put("accessor", COUNTERS.api());
        }

        @Test
        void parametersAreTheRunningApiAndItsClient(LocalCounterApi api, CounterClient client) throws Exception {
            SEEN.put("test.api", api);
            SEEN.put("test.client", client);
            SEEN.put("constructor.client", constructorClient);
            client.increment("likes");
            SEEN.put("value", client.get("likes").value().longValue());
            SEEN.put("unsigned", status(URI.create(api.endpoint() + "/counters/likes")));
        }
    }

    @Test
    void startsBeforeTheClassInjectsTheApiAndItsClientAndStopsAfterTheClass() {
        assertAllPassed(run(Injected.class), 1);

        LocalCounterApi api = (LocalCounterApi) SEEN.get("test.api");
        assertThat(SEEN.get("beforeAll")).isSameAs(api);
        assertThat(SEEN.get("accessor")).isSameAs(api);
        assertThat(SEEN.get("test.client")).isSameAs(api.client());
        assertThat(SEEN.get("constructor.client")).isSameAs(api.client());
        assertThat(api.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
        assertThat(api.authMode()).isEqualTo(AuthMode.IAM);
        assertThat(api.tableName()).isNotBlank();
        assertThat(SEEN.get("value")).isEqualTo(1L);
        // IAM is on: the same read without a signature is API Gateway's 403 MissingAuthenticationToken
        assertThat(SEEN.get("unsigned")).isEqualTo(403);

        assertRefusesConnections(api.endpoint());
        assertRefusesConnections(api.dynamoDbEndpoint());
        assertThatThrownBy(Injected.COUNTERS::api).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no local counter API is running");
    }

    // --- table reset: a pair, the same two ordered tests under each mode

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class TwoIncrements {
        @Test
        @Order(1)
        void first(CounterClient client) {
            client.increment("visits");
            SEEN.put("first", client.get("visits").value().longValue());
        }

        @Test
        @Order(2)
        void second(CounterClient client) {
            SEEN.put("second.before", read(client, "visits"));
            client.increment("visits");
            SEEN.put("second", client.get("visits").value().longValue());
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
    }

    static class ResetBeforeEachClass extends TwoIncrements {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).reset(TableReset.BEFORE_EACH_CLASS).log(QUIET).build();
    }

    @Test
    void beforeEachTestEveryTestStartsFromAnEmptyTable() {
        assertAllPassed(run(ResetBeforeEachTest.class), 2);
        assertThat(SEEN).containsEntry("first", 1L).containsEntry("second.before", "none").containsEntry("second", 1L);
    }

    @Test
    void beforeEachClassTheTestsOfTheClassSeeEachOthersWrites() {
        assertAllPassed(run(ResetBeforeEachClass.class), 2);
        assertThat(SEEN).containsEntry("first", 1L).containsEntry("second.before", 1L).containsEntry("second", 2L);
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
            SEEN.put("outer.sees", read(client, "outer"));
        }

        @Nested
        class Inner {
            @Test
            void inner(LocalCounterApi api, CounterClient client) {
                SEEN.put("inner.api", api);
                SEEN.put("inner.sees", read(client, "outer"));
            }
        }
    }

    @Test
    void nestedClassesShareTheEnclosingApi() {
        assertAllPassed(run(Enclosing.class), 2);
        assertThat(SEEN.get("inner.api")).isSameAs(SEEN.get("outer.api"));
        assertThat(SEEN).containsEntry("outer.sees", 1L).containsEntry("inner.sees", "none");
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
        }

        @Test
        void two(LocalCounterApi api) {
            SEEN.put("two", api);
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
            SEEN.put("mode", api.authMode());
            client.increment("keyed");
            SEEN.put("value", client.get("keyed").value().longValue());
            SEEN.put("without key", status(URI.create(api.endpoint() + "/counters/keyed")));
        }
    }

    static class CognitoMode {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.COGNITO)).log(QUIET).build();

        @Test
        void clientSendsALocalIdToken(LocalCounterApi api, CounterClient client) throws Exception {
            SEEN.put("mode", api.authMode());
            client.increment("signed-in");
            SEEN.put("value", client.get("signed-in").value().longValue());
            SEEN.put("without key", status(URI.create(api.endpoint() + "/counters/signed-in")));
        }
    }

    static class NoAuth {
        @RegisterExtension
        static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
                .template(template(Synthesized.DEFAULT)).noAuth().log(QUIET).build();

        @Test
        void anyoneIsLetIn(LocalCounterApi api, CounterClient client) throws Exception {
            SEEN.put("mode", api.authMode());
            client.increment("open");
            SEEN.put("value", client.get("open").value().longValue());
            SEEN.put("without key", status(URI.create(api.endpoint() + "/counters/open")));
        }
    }

    @Test
    void apiKeyModeTheClientSendsTheLocalKeyAndARequestWithoutOneIsRefused() {
        assertAllPassed(run(ApiKeyMode.class), 1);
        assertThat(SEEN).containsEntry("mode", AuthMode.API_KEY).containsEntry("value", 1L)
                .containsEntry("without key", 403);
    }

    @Test
    void cognitoModeTheClientSendsALocalTokenAndARequestWithoutOneIsRefused() {
        assertAllPassed(run(CognitoMode.class), 1);
        assertThat(SEEN).containsEntry("mode", AuthMode.COGNITO).containsEntry("value", 1L)
                .containsEntry("without key", 401);
    }

    @Test
    void noAuthLetsAnyRequestIn() {
        assertAllPassed(run(NoAuth.class), 1);
        assertThat(SEEN).containsEntry("mode", AuthMode.NONE).containsEntry("value", 1L)
                .containsEntry("without key", 200);
    }

    // --- the default: this library's stack, through @ExtendWith

    @ExtendWith(LocalCounterApiExtension.class)
    static class DefaultStack {
        @Test
        void servesTheLibrarysStack(LocalCounterApi api, CounterClient client) {
            SEEN.put("mode", api.authMode());
            SEEN.put("table", api.tableName());
            client.increment("default");
            SEEN.put("value", client.get("default").value().longValue());
        }
    }

    @Test
    void extendWithServesTheLibrarysOwnStackWithEveryDefault() {
        assertAllPassed(run(DefaultStack.class), 1);
        assertThat(SEEN).containsEntry("mode", AuthMode.IAM).containsEntry("value", 1L);
        // the same stack as cdk.json's context synthesizes
        assertThat(SEEN.get("table")).isEqualTo(ApiModel.fromFile(template(Synthesized.DEFAULT)).api()
                .stageVariables().get("tableName"));
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
            SEEN.put("injected", client.get("dated").value().longValue());
            CounterClient systemClock = CounterClient.builder().endpoint(api.endpoint()).auth(api.auth())
                    .clock(Clock.systemUTC()).build();
            try {
                systemClock.get("dated");
                SEEN.put("system clock", "accepted");
            } catch (AccessDeniedException refused) {
                SEEN.put("system clock", refused.statusCode() + " " + refused.errorCode().orElse("?"));
            }
        }
    }

    @Test
    void theInjectedClientSignsWithTheApisClockAndAClientOnAnotherClockIsRefused() {
        assertAllPassed(run(MovedClock.class), 1);
        assertThat(SEEN).containsEntry("injected", 1L);
        assertThat((String) SEEN.get("system clock")).startsWith("403");
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
            SEEN.put("ran", true);
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
