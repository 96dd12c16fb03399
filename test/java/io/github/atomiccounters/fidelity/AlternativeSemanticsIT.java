package io.github.atomiccounters.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.Route;
import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder.Exchange;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.vtl.VtlEngine;
import io.github.atomiccounters.vtl.VtlEngineKind;
import io.github.atomiccounters.vtl.VtlSemantics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deployed templates depend neither on the engine nor on what AWS leaves undocumented. Every exchange the
 * end-to-end suite recorded (surefire runs it with {@link LocalRuntime#RECORD_PROPERTY}, one file per test JVM; this runs after it, in
 * failsafe's integration-test phase of {@code mvn verify}) is rendered again under each engine
 * ({@link VtlEngineKind}) with the default semantics and with each alternative reading of {@link VtlSemantics} that
 * engine can render: the request template must give the same DynamoDB request, and the response (or error) template
 * the same client answer (JSON-equal), as Velocity 1.7 with the default semantics. One more variation per engine sends
 * every header name in lower case, as HTTP/2 clients do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlternativeSemanticsIT {
/** Where surefire's test JVMs recorded: {@code e2e-fork-<n>.jsonl}, one file per fork, in this directory. */
    private static final Path EXCHANGES = Path.of(System.getProperty(LocalRuntime.RECORD_PROPERTY,
            "target/exchanges/e2e-fork-1.jsonl")).getParent();
    /** The project's API as the end-to-end tests synthesized it (written by {@link Synthesized#file()}). */
    private static final Path TEMPLATE = Synthesized.path(Synthesized.E2E);
    private static final int MIN_EXCHANGES = 2_000;
    /** The time a variant takes is printed as CPU time too (the JVM's): the machine's load does not change that much. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** An error code a template answers with: {@code "error": "LimitExceeded"}. */
    private static final Pattern ERROR_CODE = Pattern.compile("\"error\\\\?\"\\s*:\\s*\\\\?\"([A-Z][A-Za-z]+)\\\\?\"");

    private List<Exchange> exchanges;
    private ApiModel model;
    /** Each exchange replayed by Velocity 1.7 with the default semantics: what every variant must give. */
    private List<Replay.Outcome> expected;

    @BeforeAll
    void load() throws IOException {
        List<Path> recordings;
        try (Stream<Path> files = Files.list(EXCHANGES)) {
            recordings = files.filter(f -> f.getFileName().toString().matches("e2e-fork-\\d+\\.jsonl")).sorted()
                    .toList();
        }
        assertThat(recordings).as("exchanges recorded by the end-to-end tests in " + EXCHANGES
                + " (run mvn verify, which runs them first)").isNotEmpty();
        assertThat(TEMPLATE).as("the API the end-to-end tests served").exists();
        // the counter routes (a CORS preflight's MOCK template is CDK's, not ours)
        Set<String> routes = AtomicCounterApi.ROUTES.stream().map(r -> r.httpMethod() + " " + r.path())
                .collect(Collectors.toSet());
        List<Exchange> recorded = new ArrayList<>();
        for (Path recording : recordings) {
            recorded.addAll(ExchangeRecorder.read(recording));
        }
        exchanges = recorded.stream().filter(e -> routes.contains(e.route())).toList();
        model = ApiModel.fromFile(TEMPLATE, LocalFacts.defaults());
        CompiledApi defaults = new CompiledApi(model, new VtlEngine(VtlEngineKind.DEFAULT, VtlSemantics.DEFAULT));
        long startedCpu = CPU.getProcessCpuTime();
        // replays are independent (compiled templates are thread-safe, as serve's threads use them): on every core,
        // each outcome at its exchange's index
        expected = exchanges.parallelStream().map(e -> Replay.run(defaults, e, UnaryOperator.identity())).toList();
        System.out.printf("[fidelity] %s, default semantics (the expected outcomes): %d exchanges (%.1f s of CPU)%n",
                VtlEngineKind.DEFAULT, exchanges.size(), (CPU.getProcessCpuTime() - startedCpu) / 1e9);
    }

    @Test
    void theCorpusCoversEveryRouteAndEveryErrorTheTemplatesAnswer() {
        assertThat(exchanges).as("recorded exchanges").hasSizeGreaterThanOrEqualTo(MIN_EXCHANGES);
        List<Exchange> rendered = exchanges.stream().filter(e -> e.integrationRequest() != null).toList();
        Set<String> routes = rendered.stream().map(Exchange::route).collect(Collectors.toSet());
        for (Route route : AtomicCounterApi.ROUTES) {
            assertThat(routes).as("recorded routes that reached DynamoDB").contains(route.httpMethod() + " "
                    + route.path());
        }
        Set<String> answered = new TreeSet<>();
        for (Exchange e : exchanges) {
            Matcher m = ERROR_CODE.matcher(String.valueOf(e.responseBody()));
            while (m.find()) {
                answered.add(m.group(1));
            }
        }
        Set<String> codes = templateErrorCodes();
        assertThat(codes).as("error codes found in the deployed templates").hasSizeGreaterThanOrEqualTo(8);
        assertThat(answered).as("error codes of the recorded answers").containsAll(codes);
        long refused = exchanges.stream().filter(e -> e.mappingErrorStatus() != null).count();
        Map<String, Long> perRoute = exchanges.stream().collect(Collectors.groupingBy(Exchange::route,
                TreeMap::new, Collectors.counting()));
        System.out.println("[fidelity] " + exchanges.size() + " recorded exchanges, " + rendered.size()
                + " reached DynamoDB, " + refused + " refused by a request template: " + perRoute);
        System.out.println("[fidelity] error codes the templates answer, all recorded: " + codes);
    }

    /** Every {@code "error": "Code"} the deployed templates can write. */
    private static Set<String> templateErrorCodes() {
        Set<String> files = new LinkedHashSet<>();
        for (Route route : AtomicCounterApi.ROUTES) {
            files.add(route.requestTemplate());
            files.add(route.responseTemplate());
        }
        files.add(AtomicCounterApi.ERROR_TEMPLATE);
        Set<String> codes = new TreeSet<>();
        for (String file : files) {
            Matcher m = ERROR_CODE.matcher(TemplateFiles.read(file));
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        return codes;
    }

    @Test
    void replayingUnderTheDefaultsReproducesTheRecording() {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            Replay.Outcome o = expected.get(i);
            if (e.integrationRequest() == null) {
                if (!Objects.equals(o.requestError(), e.mappingErrorStatus())) {
                    differences.add(e.route() + " " + e.body() + ": refused with " + o.requestError() + ", recorded "
                            + e.mappingErrorStatus());
                }
                continue;
            }
            if (!Objects.equals(o.dynamoDbRequest(), Replay.json(e.integrationRequest()))) {
                differences.add(e.route() + " " + e.body() + ": request " + o.dynamoDbRequest() + ", recorded "
                        + e.integrationRequest());
            } else if (!Objects.equals(o.clientBody(), Replay.json(e.responseBody()))
                    || !Objects.equals(o.clientStatus(), e.status())) {
                differences.add(e.route() + " " + e.body() + ": answer " + o.clientStatus() + " " + o.clientBody()
                        + ", recorded " + e.status() + " " + e.responseBody());
            }
        }
        assertThat(differences.size()).as("replays that differ from the recording, first ones:\n"
                + String.join("\n", differences.subList(0, Math.min(8, differences.size())))).isZero();
    }

    /**
     * Per engine: the default semantics (for Velocity 2.4; for 1.7 that is the expected outcome itself), each
     * alternative the engine can render, and header names in lower case.
     */
    Stream<Arguments> variants() {
        UnaryOperator<Map<String, String>> lowerCase = headers -> {
            Map<String, String> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            return lower;
        };
        List<Arguments> all = new ArrayList<>();
        for (VtlEngineKind kind : VtlEngineKind.values()) {
            if (kind != VtlEngineKind.DEFAULT) {
                all.add(Arguments.of(kind, "default semantics", VtlSemantics.DEFAULT, UnaryOperator.identity()));
            }
            for (VtlSemantics.Alternative a : VtlSemantics.alternatives()) {
                if (kind.renders(a.semantics())) {
                    all.add(Arguments.of(kind, a.name(), a.semantics(), UnaryOperator.identity()));
                }
            }
            all.add(Arguments.of(kind, "header names in lower case (HTTP/2 clients)", VtlSemantics.DEFAULT,
                    lowerCase));
        }
        return all.stream();
    }

    @Test
    void everyAlternativeIsRenderedByAtLeastOneEngineAndVelocity24RendersThemAll() {
        long rendered24 = variants().filter(a -> a.get()[0] == VtlEngineKind.VELOCITY_2_4).count();
        assertThat(rendered24).isEqualTo(VtlSemantics.alternatives().size() + 2);
        long rendered17 = variants().filter(a -> a.get()[0] == VtlEngineKind.VELOCITY_1_7).count();
        assertThat(rendered17).as("Velocity 1.7: the points of API Gateway's objects, #set of null, lower case")
                .isEqualTo(VtlSemantics.alternatives().stream()
                        .filter(a -> VtlEngineKind.VELOCITY_1_7.renders(a.semantics())).count() + 1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("variants")
    void everyTemplateGivesTheSameOutputUnder(VtlEngineKind kind, String name, VtlSemantics semantics,
                                              UnaryOperator<Map<String, String>> headers) {
        long started = System.nanoTime();
        long startedCpu = CPU.getProcessCpuTime();
        CompiledApi variant = new CompiledApi(model, new VtlEngine(kind, semantics));
        List<Replay.Outcome> actual = exchanges.parallelStream().map(e -> Replay.run(variant, e, headers)).toList();
        List<String> differences = new ArrayList<>();
        Map<String, Integer> perRoute = new TreeMap<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            if (!expected.get(i).equals(actual.get(i))) {
                perRoute.merge(e.route(), 1, Integer::sum);
                differences.add(e.route() + " body " + e.body() + " headers " + e.headers() + "\n    "
                        + VtlEngineKind.DEFAULT + ", default: " + expected.get(i) + "\n    " + kind + ", " + name + ": "
                        + actual.get(i));
            }
        }
        System.out.printf("[fidelity] %s, %s: %d exchanges, %d differ%s (%.1f s, %.1f s of CPU)%n", kind, name,
                exchanges.size(), differences.size(), perRoute.isEmpty() ? "" : " " + perRoute,
                (System.nanoTime() - started) / 1e9, (CPU.getProcessCpuTime() - startedCpu) / 1e9);
        assertThat(differences.size()).as(kind + ", " + name + ": exchanges whose output differs from "
                + VtlEngineKind.DEFAULT + " with the default semantics, first ones:\n"
                + String.join("\n", differences.subList(0, Math.min(8, differences.size())))).isZero();
    }
}
