package io.github.atomiccounters.junit;

import io.github.atomiccounters.client.CounterClient;
import io.github.atomiccounters.local.LocalRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JUnit 5 extension that serves the counter API locally for a test class: the API of a synthesized
 * CloudFormation template (your CDK app's, with the {@code AtomicCounterApi} construct in it) or of this library's
 * own stack, on a free loopback port, with an in-memory DynamoDB Local behind it, rendering the deployed VTL
 * templates as API Gateway does. Tests get a {@link LocalCounterApi} (endpoint, credentials, table) and a ready
 * {@link CounterClient} as parameters.
 *
 * <pre>{@code
 * class CheckoutTest {
 *     @RegisterExtension
 *     static final LocalCounterApiExtension COUNTERS = LocalCounterApiExtension.builder()
 *             .template(Path.of("cdk.out/Shop.template.json"))     // @default: this library's stack
 *             .build();
 *
 *     @Test
 *     void reservesOrderNumbers(CounterClient counters) {
 *         assertEquals(1, new Checkout(counters).nextOrderNumber());
 *     }
 *
 *     @Test
 *     void callsTheApiWithoutTheClient(LocalCounterApi api) {
 *         URI endpoint = api.endpoint();                             // http://127.0.0.1:PORT/v1
 *         // sign with api.credentials() (IAM), send api.apiKey() (API key), as api.authMode() says
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: registered on a {@code static} field (or with {@code @ExtendWith(LocalCounterApiExtension.class)},
 * which takes every default), the API starts before the class's {@code @BeforeAll} methods and stops after its
 * {@code @AfterAll} methods; its {@code @Nested} classes share it. On an instance field JUnit registers the
 * extension per test, so each test starts (and stops) an API of its own: slower, but allowed. The tables are
 * emptied as {@link Builder#reset(TableReset)} says. One extension of this type per test class: two would both
 * offer the same parameters.
 *
 * <p>Not thread-safe across classes: one registration serves one class (and its nested classes) at a time.
 */
public final class LocalCounterApiExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Path template;
    private final Map<String, Object> context;
    private final boolean authChecks;
    private final TableReset reset;
    private final Clock clock;
    private final PrintStream log;

    private LocalCounterApi api;
    private ExtensionContext startedBy;

    /**
     * Every default: this library's stack with the working directory's {@code cdk.json} context (if any), auth
     * as the stack has it (IAM), tables emptied before each test, the system clock, the start-up log on
     * {@code System.out}. What {@code @ExtendWith(LocalCounterApiExtension.class)} uses.
     */
    public LocalCounterApiExtension() {
        this(new Builder());
    }

    private LocalCounterApiExtension(Builder builder) {
        this.template = builder.template;
        this.context = Map.copyOf(builder.context);
        this.authChecks = builder.authChecks;
        this.reset = builder.reset;
        this.clock = builder.clock;
        this.log = builder.log;
    }

    /**
     * A builder whose settings all start at the defaults of {@link #LocalCounterApiExtension()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The running API, for code that gets no parameters (a static field initializer of another fixture, a helper).
     *
     * @return the API started for the class that is running
     * @throws IllegalStateException when no API is running (outside the class's tests and lifecycle methods)
     */
    public synchronized LocalCounterApi api() {
        if (api == null) {
            throw new IllegalStateException("no local counter API is running: it runs from before the test "
                    + "class's @BeforeAll methods to after its @AfterAll methods");
        }
        return api;
    }

    /**
     * Starts the API for the class, unless an enclosing class's already runs (a {@code @Nested} class); empties the
     * tables with {@link TableReset#BEFORE_EACH_CLASS}.
     *
     * @param extensionContext the class's context
     */
    @Override
    public void beforeAll(ExtensionContext extensionContext) {
        boolean started = startIfStopped(extensionContext);
        if (reset == TableReset.BEFORE_EACH_CLASS && !started) {
            api().reset();
        }
    }

    /**
     * Starts the API if the class did not (the extension is on an instance field); empties the tables with
     * {@link TableReset#BEFORE_EACH_TEST}.
     *
     * @param extensionContext the test's context
     */
    @Override
    public void beforeEach(ExtensionContext extensionContext) {
        boolean started = startIfStopped(extensionContext);
        if (reset == TableReset.BEFORE_EACH_TEST && !started) {
            api().reset();
        }
    }

    /**
     * Stops the API if this test started it (the extension is on an instance field).
     *
     * @param extensionContext the test's context
     */
    @Override
    public void afterEach(ExtensionContext extensionContext) {
        stopIfStartedBy(extensionContext);
    }

    /**
     * Stops the API if this class started it: DynamoDB Local and the HTTP server are gone after it.
     *
     * @param extensionContext the class's context
     */
    @Override
    public void afterAll(ExtensionContext extensionContext) {
        stopIfStartedBy(extensionContext);
    }

    /**
     * Whether the parameter is one this extension provides: a {@link LocalCounterApi} or a {@link CounterClient}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context of the method or constructor that declares it
     * @return true for those two types
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == LocalCounterApi.class || type == CounterClient.class;
    }

    /**
     * The running API, or its {@link LocalCounterApi#client() client}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context of the method or constructor that declares it
     * @return the value of the parameter
     * @throws ParameterResolutionException when no API runs yet (a constructor parameter with the extension on an
     *         instance field)
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        LocalCounterApi running;
        synchronized (this) {
            running = api;
        }
        if (running == null) {
            throw new ParameterResolutionException("no local counter API is running yet for "
                    + parameterContext.getDeclaringExecutable() + ": register LocalCounterApiExtension on a static "
                    + "field to use it in constructors and @BeforeAll methods");
        }
        return parameterContext.getParameter().getType() == CounterClient.class ? running.client() : running;
    }

    /** Starts the API for this context unless one runs for it or an enclosing context; true if it started one. */
    private synchronized boolean startIfStopped(ExtensionContext extensionContext) {
        if (api != null) {
            if (!isWithin(extensionContext, startedBy)) {
                throw new ExtensionConfigurationException("LocalCounterApiExtension already serves "
                        + startedBy.getDisplayName() + "; one registration serves one test class at a time "
                        + "(classes that share it must not run concurrently)");
            }
            return false;
        }
        String owner = extensionContext.getTestClass().map(Class::getSimpleName).orElse("?")
                + extensionContext.getTestMethod().map(m -> "." + m.getName()).orElse("");
        long begin = System.nanoTime();
        LocalRuntime runtime;
        try {
            runtime = LocalRuntime.start(options(), log, clock);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("the local counter API for " + owner + " did not start ("
                    + source() + "): " + e.getMessage(), e);
        }
        api = new LocalCounterApi(runtime, authChecks, clock);
        startedBy = extensionContext;
        log.printf("local counter API for %s: %s, auth %s, started in %.2f s%n", owner, api.endpoint(),
                api.authMode().optionValue(), (System.nanoTime() - begin) / 1e9);
        return true;
    }

    private synchronized void stopIfStartedBy(ExtensionContext extensionContext) {
        if (api != null && startedBy.getUniqueId().equals(extensionContext.getUniqueId())) {
            try {
                api.stop();
            } finally {
                api = null;
                startedBy = null;
            }
        }
    }

    private static boolean isWithin(ExtensionContext context, ExtensionContext ancestor) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getUniqueId().equals(ancestor.getUniqueId())) {
                return true;
            }
        }
        return false;
    }

    private LocalRuntime.Options options() {
        if (template != null && !Files.isRegularFile(template)) {
            throw new ExtensionConfigurationException("no synthesized template at " + template.toAbsolutePath()
                    + ": synthesize the CDK app first (cdk synth, or its main class with CDK_OUTDIR set)");
        }
        return LocalRuntime.Options.defaults()
                .withPort(0)
                .withTemplate(template)
                .withContext(context)
                .withAuth(authChecks)
                .withLogRequests(false);
    }

    private String source() {
        return template != null ? "template " + template : "this library's stack, context " + context;
    }

    /** The settings of a {@link LocalCounterApiExtension}; every one has a default. */
    public static final class Builder {
        private Path template;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private boolean authChecks = true;
        private TableReset reset = TableReset.BEFORE_EACH_TEST;
        private Clock clock = Clock.systemUTC();
        private PrintStream log = System.out;

        private Builder() {
        }

        /**
         * Serve the API of this synthesized CloudFormation template: a stack of your CDK app with an
         * {@code AtomicCounterApi} in it ({@code cdk.out/NAME.template.json} after {@code cdk synth}). Its tables
         * are created empty in DynamoDB Local (an existing table the construct was given too, named by the
         * stage variables). Read when the API starts, so a test build can synthesize it before.
         *
         * @param synthesizedTemplate the template file (JSON)
         * @return this builder
         * @throws NullPointerException when {@code synthesizedTemplate} is null
         * @default none: this library's own stack, synthesized in-process with {@link #context(String, String)}
         */
        public Builder template(Path synthesizedTemplate) {
            this.template = Objects.requireNonNull(synthesizedTemplate, "synthesizedTemplate");
            return this;
        }

        /**
         * A CDK context option for this library's own stack, as {@code serve -c key=value} (for example
         * {@code auth}={@code api-key}, {@code throttleRate}={@code 1000}), on top of the working directory's
         * {@code cdk.json} context (if any). The synthesis runs in the test JVM and needs Node.js, as every CDK
         * synthesis does.
         *
         * @param key   a context key the stack reads (docs/deploying.md lists them)
         * @param value its value
         * @return this builder
         * @throws NullPointerException when {@code key} or {@code value} is null
         * @default cdk.json's context only: IAM auth, stage throttling 100 requests/s, burst 200
         */
        public Builder context(String key, String value) {
            context.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Turn every auth check off, as {@code serve --no-auth}: any request is let in, and
         * {@link LocalCounterApi#authMode()} is {@link io.github.atomiccounters.cdk.AuthMode#NONE}.
         *
         * @return this builder
         * @default auth checks on, as the template says
         */
        public Builder noAuth() {
            this.authChecks = false;
            return this;
        }

        /**
         * When the tables are emptied.
         *
         * @param tableReset {@link TableReset#BEFORE_EACH_TEST} or {@link TableReset#BEFORE_EACH_CLASS}
         * @return this builder
         * @throws NullPointerException when {@code tableReset} is null
         * @default {@link TableReset#BEFORE_EACH_TEST}
         */
        public Builder reset(TableReset tableReset) {
            this.reset = Objects.requireNonNull(tableReset, "tableReset");
            return this;
        }

        /**
         * The API's clock: request times, rate-limit windows, usage-plan quota days, Idempotency-Key expiry and
         * SigV4 signature age are read from it, and the injected client dates its signatures with it. A test moves
         * a clock of its own to cross a window or a day without waiting.
         *
         * @param apiClock the clock
         * @return this builder
         * @throws NullPointerException when {@code apiClock} is null
         * @default {@link Clock#systemUTC()}
         */
        public Builder clock(Clock apiClock) {
            this.clock = Objects.requireNonNull(apiClock, "apiClock");
            return this;
        }

        /**
         * Where the start-up log goes: what is served, the tables, the local credentials, and one line per start
         * with the class and the start-up time. DynamoDB Local prints its own banner on {@code System.out}
         * whatever this says.
         *
         * @param startUpLog the stream, e.g. {@code new PrintStream(OutputStream.nullOutputStream())} for none
         * @return this builder
         * @throws NullPointerException when {@code startUpLog} is null
         * @default {@code System.out}
         */
        public Builder log(PrintStream startUpLog) {
            this.log = Objects.requireNonNull(startUpLog, "startUpLog");
            return this;
        }

        /**
         * The extension; nothing starts until JUnit runs a test class with it.
         *
         * @return a new extension with these settings
         * @throws IllegalStateException when both a template and context options are given (context only applies
         *                               to this library's own stack)
         */
        public LocalCounterApiExtension build() {
            if (template != null && !context.isEmpty()) {
                throw new IllegalStateException("context options " + context + " apply to this library's own "
                        + "stack, not to a template (" + template + "): synthesize the template with them instead");
            }
            return new LocalCounterApiExtension(this);
        }
    }
}
