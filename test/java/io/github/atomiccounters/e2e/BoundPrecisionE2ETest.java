package io.github.atomiccounters.e2e;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bound whose limit (max - by, min + by) needs more than DynamoDB's 38 significant digits is still decided exactly:
 * the template cuts the limit toward zero after the 38th digit and picks the comparison that gives every value a
 * DynamoDB number can hold the answer the exact limit would give. Before, the 39-digit limit went to DynamoDB,
 * which refused it (400). Each row: a counter's value, an update, and whether it must pass (200, value checked) or
 * be refused (409 LimitExceeded, value unchanged).
 */
class BoundPrecisionE2ETest {
    private static final String E37 = "10000000000000000000000000000000000000";  // 1e37
    /** 126 nines: the longest JSON integer a bound may be (DynamoDB's numbers stay below 10^126). */
    private static final String N126 = "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999";
    private static ApiClient api;

    @BeforeAll
    static void start() {
        LocalRuntime runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            // increment, limit = max - by = 1e37 + 0.5 (39 digits): v <= 1e37 passes, 1e37 + 1 does not
            "1e37       | increment | {\"by\": \"" + E37 + "\", \"max\": \"20000000000000000000000000000000000000.5\"} | 200",
            "1e37+1     | increment | {\"by\": \"" + E37 + "\", \"max\": \"20000000000000000000000000000000000000.5\"} | 409",
            // increment, limit = -(2e37 + 0.5): -3e37 passes (< -2e37), -2e37 does not
            "-3e37      | increment | {\"by\": \"" + E37 + "\", \"max\": \"-10000000000000000000000000000000000000.5\"} | 200",
            "-2e37      | increment | {\"by\": \"" + E37 + "\", \"max\": \"-10000000000000000000000000000000000000.5\"} | 409",
            // decrement, limit = min + by = 2e37 + 0.5: 3e37 passes (> 2e37), 2e37 does not
            "3e37       | decrement | {\"by\": \"" + E37 + "\", \"min\": \"10000000000000000000000000000000000000.5\"} | 200",
            "2e37       | decrement | {\"by\": \"" + E37 + "\", \"min\": \"10000000000000000000000000000000000000.5\"} | 409",
            // a JSON integer bound beyond 38 digits is a bound like any other
            "5          | increment | {\"by\": 1, \"max\": 99999999999999999999999999999999999999999}                   | 200",
            "5          | decrement | {\"by\": 1, \"min\": -99999999999999999999999999999999999999999}                  | 200",
            // a limit beyond DynamoDB's range (10^126) becomes its largest number: every value is decided alike
            "5          | increment | {\"by\": 1, \"max\": " + N126 + "} | 200",
            "5          | increment | {\"by\": 1, \"max\": -" + N126 + "} | 409",
            "5          | decrement | {\"by\": 1, \"min\": " + N126 + "} | 409",
            "5          | decrement | {\"by\": 1, \"min\": -" + N126 + "} | 200",
    })
    void aLimitBeyond38DigitsIsDecidedExactly(String start, String route, String body, int status) {
        String name = "bound-" + UUID.randomUUID();
        BigDecimal value = parse(start);
        assertThat(api.send("PUT", "/counters/" + name, "{\"value\": \"" + value.toPlainString() + "\"}").status())
                .isEqualTo(200);
        ApiClient.Response r = api.send("POST", "/counters/" + name + "/" + route, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        BigDecimal by = new BigDecimal(r.status() == 200 ? body.replaceAll(".*\"by\": \"?([0-9]+)\"?.*", "$1") : "0");
        BigDecimal expected = route.equals("increment") ? value.add(by) : value.subtract(by);
        BigDecimal now = new BigDecimal(api.send("GET", "/counters/" + name, null).json().get("value").asText());
        assertThat(now).isEqualByComparingTo(expected);
        if (status == 409) {
            assertThat(r.json().get("error").asText()).isEqualTo("LimitExceeded");
        }
    }

    private static BigDecimal parse(String text) {
        return switch (text) {
            case "1e37" -> new BigDecimal(E37);
            case "1e37+1" -> new BigDecimal(E37).add(BigDecimal.ONE);
            case "-3e37" -> new BigDecimal(E37).multiply(BigDecimal.valueOf(-3));
            case "-2e37" -> new BigDecimal(E37).multiply(BigDecimal.valueOf(-2));
            case "3e37" -> new BigDecimal(E37).multiply(BigDecimal.valueOf(3));
            case "2e37" -> new BigDecimal(E37).multiply(BigDecimal.valueOf(2));
            default -> new BigDecimal(text);
        };
    }
}
