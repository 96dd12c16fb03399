package io.github.atomiccounters.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder;
import io.github.atomiccounters.local.pipeline.ExchangeRecorder.Exchange;
import io.github.atomiccounters.testing.Synthesized;
import io.github.atomiccounters.vtl.VtlEngine;
import io.github.atomiccounters.vtl.VtlSemantics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The deployed templates do not depend on what AWS leaves undocumented. Every exchange the end-to-end suite recorded
 * (surefire runs it with {@link LocalRuntime#RECORD_PROPERTY}, one file per test JVM; this runs after it, in failsafe's integration-test
 * phase of {@code mvn verify}) is rendered again under each alternative reading of {@link VtlSemantics}: the request
 * template must give the same DynamoDB request, and the response (or error) template the same client answer, as under
 * the default. One more variation sends every header name in lower case, as HTTP/2 clients do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlternativeSemanticsIT {
    /** Where surefire's test JVMs recorded: {@code e2e-fork-<n>.jsonl}, one file per fork, in this directory. */
    private static final Path EXCHANGES = Path.of(System.getProperty(LocalRuntime.RECORD_PROPERTY,
            "target/exchanges/e2e-fork-1.jsonl")).getParent();
    /** The project's API as the end-to-end tests synthesized it (written by {@link Synthesized#file()}). */
    private static final Path TEMPLATE = Synthesized.path(Synthesized.E2E);
    private static final int MIN_EXCHANGES = 200;

    private List<Exchange> exchanges;
    private ApiModel model;
    private CompiledApi defaults;
    /** Each exchange replayed under the defaults, once: what every alternative is compared with. */
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
        defaults = new CompiledApi(model, new VtlEngine(VtlSemantics.DEFAULT));
        // replays are independent (compiled templates are thread-safe): on every core, in the recorded order
        expected = exchanges.parallelStream().map(e -> Replay.run(defaults, e, UnaryOperator.identity())).toList();
    }

    @Test
    void theCorpusCoversEveryRoute() {
        List<Exchange> rendered = exchanges.stream().filter(e -> e.integrationRequest() != null).toList();
        assertThat(rendered).as("recorded exchanges that reached DynamoDB").hasSizeGreaterThanOrEqualTo(MIN_EXCHANGES);
        Set<String> routes = rendered.stream().map(Exchange::route).collect(Collectors.toSet());
        for (AtomicCounterApi.Route route : AtomicCounterApi.ROUTES) {
            assertThat(routes).as("recorded routes").contains(route.httpMethod() + " " + route.path());
        }
        Map<String, Long> perRoute = rendered.stream().collect(Collectors.groupingBy(Exchange::route,
                TreeMap::new, Collectors.counting()));
        System.out.println("[fidelity] " + exchanges.size() + " recorded exchanges, " + rendered.size()
                + " reached DynamoDB: " + perRoute);
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

    Stream<Object[]> alternatives() {
        List<Object[]> all = new ArrayList<>();
        for (VtlSemantics.Alternative a : VtlSemantics.alternatives()) {
            all.add(new Object[] {a.name(), a.semantics(), UnaryOperator.<Map<String, String>>identity()});
        }
        UnaryOperator<Map<String, String>> lowerCase = headers -> {
            Map<String, String> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            return lower;
        };
        all.add(new Object[] {"header names in lower case (HTTP/2 clients)", VtlSemantics.DEFAULT, lowerCase});
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alternatives")
    void everyTemplateGivesTheSameOutputUnder(String name, VtlSemantics semantics,
                                              UnaryOperator<Map<String, String>> headers) {
        CompiledApi alternative = new CompiledApi(model, new VtlEngine(semantics));
        List<Exchange> differing = IntStream.range(0, exchanges.size()).parallel()
                .filter(i -> !expected.get(i).equals(Replay.run(alternative, exchanges.get(i), headers)))
                .mapToObj(exchanges::get).toList();
        List<String> differences = new ArrayList<>();
        Map<String, Integer> perRoute = new TreeMap<>();
        for (Exchange e : differing) {
            perRoute.merge(e.route(), 1, Integer::sum);
            differences.add(e.route() + " body " + e.body() + " headers " + e.headers() + "\n    default: "
                    + Replay.run(defaults, e, UnaryOperator.identity()) + "\n    " + name + ": "
                    + Replay.run(alternative, e, headers));
        }
        System.out.println("[fidelity] " + name + ": " + exchanges.size() + " exchanges, " + differences.size()
                + " differ" + (perRoute.isEmpty() ? "" : " " + perRoute));
        assertThat(differences.size()).as(name + ": exchanges whose output differs from the default, first ones:\n"
                + String.join("\n", differences.subList(0, Math.min(8, differences.size())))).isZero();
    }
}
