package io.github.atomiccounters.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.local.FaultInjector.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FaultInjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noneAndEmptySpecsNeverFault() {
        for (FaultInjector f : new FaultInjector[]{FaultInjector.none(), FaultInjector.parse(null),
                FaultInjector.parse("  "), FaultInjector.parse("none"), FaultInjector.parse("throttle:0")}) {
            assertThat(f.isNone()).isTrue();
            for (int i = 0; i < 1000; i++) {
                assertThat(f.maybeFault()).isEmpty();
            }
        }
    }

    @Test
    void rateOneAlwaysFaultsWithDynamoDbsThrottlingBody() throws Exception {
        FaultInjector f = FaultInjector.parse("throttle:1");
        for (int i = 0; i < 100; i++) {
            Optional<DynamoDbRawResponse> fault = f.maybeFault();
            assertThat(fault).isPresent();
            assertThat(fault.get().status()).isEqualTo(400);
            JsonNode body = JSON.readTree(fault.get().body());
            assertThat(body.get("__type").asText())
                    .isEqualTo("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException");
            assertThat(body.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void eachFaultHasItsStatusAndType() throws Exception {
        assertFault("throttling:1", 400, "ThrottlingException");
        assertFault("internal:1", 500, "com.amazonaws.dynamodb.v20120810#InternalServerError");
        assertFault("unavailable:1", 503, "ServiceUnavailable");
        assertFault("conflict:1", 400, "TransactionConflictException");
        assertFault("transaction-conflict:1", 400, "TransactionCanceledException");
    }

    private static void assertFault(String spec, int status, String typeSuffix) throws Exception {
        DynamoDbRawResponse r = FaultInjector.parse(spec).maybeFault().orElseThrow();
        assertThat(r.status()).as(spec).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("__type").asText()).as(spec).endsWith(typeSuffix);
    }

    @Test
    void mixedRatesProduceTheRequestedSharesWithASeededRandom() {
        FaultInjector f = FaultInjector.parse(" throttle:0.1 , internal:0.2 ", new Random(42));
        assertThat(f.rates()).containsEntry(Fault.THROTTLE, 0.1).containsEntry(Fault.INTERNAL, 0.2).hasSize(2);
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        int n = 100_000;
        int passed = 0;
        for (int i = 0; i < n; i++) {
            Optional<DynamoDbRawResponse> r = f.maybeFault();
            if (r.isEmpty()) {
                passed++;
            } else {
                Fault which = r.get().status() == 500 ? Fault.INTERNAL : Fault.THROTTLE;
                counts.merge(which, 1, Integer::sum);
            }
        }
        assertThat(counts.get(Fault.THROTTLE) / (double) n).isCloseTo(0.1, within(0.01));
        assertThat(counts.get(Fault.INTERNAL) / (double) n).isCloseTo(0.2, within(0.01));
        assertThat(passed / (double) n).isCloseTo(0.7, within(0.01));
    }

    @Test
    void sameSeedSameSequence() {
        FaultInjector a = FaultInjector.parse("throttle:0.3,unavailable:0.3", new Random(7));
        FaultInjector b = FaultInjector.parse("throttle:0.3,unavailable:0.3", new Random(7));
        for (int i = 0; i < 500; i++) {
            assertThat(a.maybeFault()).isEqualTo(b.maybeFault());
        }
    }

    @Test
    void threadSafeUnderConcurrency() throws Exception {
        FaultInjector f = FaultInjector.parse("internal:0.5");
        AtomicInteger faults = new AtomicInteger();
        int threads = 4;
        int perThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    f.maybeFault().ifPresent(r -> faults.incrementAndGet());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(faults.get() / (double) (threads * perThread)).isCloseTo(0.5, within(0.02));
    }

    @ParameterizedTest
    @ValueSource(strings = {"throttle", "throttle:", "throttle:abc", "throttle:1.5", "throttle:-0.1",
            "throttle:NaN", "slow:0.1", "throttle:0.6,internal:0.6", "throttle:0.1,throttle:0.2", "throttle:0.1,",
            "throttle:0.1:0.2"})
    void badSpecsSayWhatWasReceivedAndWhatIsExpected(String spec) {
        assertThatThrownBy(() -> FaultInjector.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + spec + "'")
                .hasMessageContaining("expected comma-separated name:rate pairs")
                .hasMessageContaining("throttle, throttling, internal, unavailable")
                .hasMessageContaining("conflict, transaction-conflict");
    }

    @Test
    void toStringRoundTrips() {
        FaultInjector f = FaultInjector.parse("internal:0.05,throttle:0.2");
        assertThat(FaultInjector.parse(f.toString()).rates()).isEqualTo(f.rates());
        assertThat(FaultInjector.none()).hasToString("none");
    }
}
