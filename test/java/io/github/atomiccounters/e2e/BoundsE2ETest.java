package io.github.atomiccounters.e2e;

import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.local.JsonSchemaValidation;
import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.testing.Items;
import io.github.atomiccounters.testing.Runtimes;
import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.github.atomiccounters.e2e.RefusalMessagesE2ETest.BODY;
import static io.github.atomiccounters.e2e.RefusalMessagesE2ETest.NAME_TOO_LONG;
import static io.github.atomiccounters.e2e.RefusalMessagesE2ETest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every number a client sends is bounded, in the model and in the template before any digit loop, so no loop reads
 * more than 127 characters and no client value reaches the engine's 1,000-iteration cap: at each bound, the last value
 * in is taken and the first one out is a 400 that says why; a 1,001-digit number is one too. In are all the numbers
 * DynamoDB holds within the contract: JSON integers over its whole range (below 10^126), decimal strings of 38 digits
 * before the point and 38 after.
 */
class BoundsE2ETest {
    private static final String NINES = "9".repeat(38);
    private static final String TEN_TO_38 = "1" + "0".repeat(38);
    private static final String THOUSAND_DIGITS = "1" + "0".repeat(1000);
    /** The largest number DynamoDB holds: 38 nines, then zeros up to 126 digits. */
    private static final String BIGGEST = NINES + "0".repeat(88);
    private static final String LONGEST = "9".repeat(126);
    private static final String TEN_TO_126 = "1" + "0".repeat(126);
    private static final String SMALLEST = "0." + "0".repeat(37) + "1";

    private static LocalRuntime runtime;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        runtime = Runtimes.shared(Synthesized.E2E, null);
        api = new ApiClient(runtime);
    }

    private static String fresh() {
        return "bounds-" + UUID.randomUUID();
    }

    private static String body(String template) {
        return template.replace("BIGGEST", BIGGEST).replace("LONGEST", LONGEST).replace("TEN_TO_126", TEN_TO_126)
                .replace("NINES", NINES).replace("TEN_TO_38", TEN_TO_38)
                .replace("THOUSAND_DIGITS", THOUSAND_DIGITS).replace("SMALLEST", SMALLEST)
                .replace("DECIMALS38", "1." + "2".repeat(37)).replace("WIDEST", NINES + "." + NINES)
                .replace("DECIMALS39", "0." + "0".repeat(38) + "1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|/increment|{\"by\": NINES}",
            "POST|/increment|{\"by\": TEN_TO_38}",
            "POST|/increment|{\"by\": BIGGEST}",
            "POST|/increment|{\"by\": 1, \"max\": LONGEST}",
            "POST|/increment|{\"by\": BIGGEST, \"max\": -LONGEST}",
            "POST|/decrement|{\"by\": 1, \"min\": -LONGEST}",
            "PUT||{\"value\": -BIGGEST, \"expected\": LONGEST}",
            "PUT||{\"value\": TEN_TO_38}",
            "POST|/increment|{\"by\": \"NINES\"}",
            "POST|/increment|{\"by\": \"SMALLEST\"}",
            "POST|/increment|{\"by\": 1, \"max\": NINES}",
            "POST|/increment|{\"by\": 1, \"max\": -NINES}",
            "POST|/increment|{\"by\": \"SMALLEST\", \"max\": \"WIDEST\"}",
            "POST|/increment|{\"by\": \"SMALLEST\", \"max\": \"-WIDEST\"}",
            "POST|/decrement|{\"by\": \"DECIMALS38\", \"min\": -NINES}",
            "POST|/decrement|{\"by\": \"SMALLEST\", \"min\": \"-WIDEST\"}",
            "POST|/decrement|{\"by\": 1, \"min\": NINES}",
            "PUT||{\"value\": -NINES}",
            "PUT||{\"value\": \"-DECIMALS38\", \"expected\": NINES}",
            "POST|/next|{\"count\": 1}",
            "POST|/next|{\"count\": 10000}",
            "POST|/increment|{\"window\": 1, \"max\": NINES}",
            "POST|/increment|{\"window\": 86400, \"max\": 1}",
            "POST|/shards/increment|{\"by\": \"NINES\"}"})
    void theLastValueInIsTaken(String method, String route, String body) {
        String name = fresh();
        ApiClient.Response r = api.send(method, "/counters/" + name + (route == null ? "" : route), body(body));
        // 200, or 409 when a bound (or an expected value no counter can hold) refuses the update: either way the numbers
        // were read
        assertThat(r.status()).as(body(body) + " -> " + r.body()).isIn(200, 409);
        if (r.status() == 409) {
            assertThat(r.json().get("error").asText()).isIn("LimitExceeded", "ExpectedValueMismatch");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|/increment|{\"by\": TEN_TO_126}",
            "POST|/increment|{\"by\": \"TEN_TO_38\"}",
            "POST|/increment|{\"by\": \"DECIMALS39\"}",
            "POST|/increment|{\"by\": THOUSAND_DIGITS}",
            "POST|/increment|{\"by\": \"THOUSAND_DIGITS\"}",
            "POST|/increment|{\"max\": TEN_TO_126}",
            "POST|/increment|{\"max\": -TEN_TO_126}",
            "POST|/increment|{\"max\": THOUSAND_DIGITS}",
            "POST|/increment|{\"max\": -THOUSAND_DIGITS}",
            "POST|/increment|{\"max\": \"THOUSAND_DIGITS\"}",
            "POST|/increment|{\"window\": 60, \"max\": THOUSAND_DIGITS}",
            "POST|/decrement|{\"min\": -TEN_TO_126}",
            "POST|/decrement|{\"min\": -THOUSAND_DIGITS}",
            "POST|/decrement|{\"by\": THOUSAND_DIGITS, \"min\": 0}",
            "PUT||{\"value\": TEN_TO_126}",
            "PUT||{\"value\": THOUSAND_DIGITS}",
            "PUT||{\"value\": 1, \"expected\": -THOUSAND_DIGITS}",
            "POST|/next|{\"count\": 0}",
            "POST|/next|{\"count\": 10001}",
            "POST|/next|{\"count\": THOUSAND_DIGITS}",
            "POST|/increment|{\"window\": 0, \"max\": 1}",
            "POST|/increment|{\"window\": 86401, \"max\": 1}",
            "POST|/increment|{\"window\": THOUSAND_DIGITS, \"max\": 1}",
            "POST|/shards/increment|{\"by\": THOUSAND_DIGITS}"})
    void theFirstValueOutIsA400ThatSaysWhy(String method, String route, String body) {
        String name = fresh();
        assertRefused(api.send(method, "/counters/" + name + (route == null ? "" : route), body(body)), BODY);
        assertThat(Items.of(runtime, name)).isEmpty();
    }

    /** A counter's name is its DynamoDB key: at most 2048 bytes of UTF-8, however many characters that is. */
    @ParameterizedTest
    @CsvSource({"n", "\u00e9"})
    void aNameOf2048BytesIsTakenAndOneByteMoreIsNot(String character) {
        int bytesPerCharacter = character.getBytes(StandardCharsets.UTF_8).length;
        String longest = UUID.randomUUID() + character.repeat((2048 - 36) / bytesPerCharacter);
        assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(2048);
        ApiClient.Response ok = api.send("POST", path(longest) + "/increment", "{\"by\": 2}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("value").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(2));
        assertRefused(api.send("POST", path(longest + "x") + "/increment", "{}"), NAME_TOO_LONG);
        assertThat(Items.of(runtime, longest + "x")).isEmpty();
    }

    /**
     * The models alone bound every number (the template bounds them again, with the same answer): an integer within
     * 10^126 (the range of a DynamoDB number; 10^126 itself, 127 digits, is the template's to refuse), a decimal string
     * of at most 77 characters (78 signed).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "increment|{\"by\": LONGEST}|true", "increment|{\"by\": THOUSAND_DIGITS}|false",
            "increment|{\"max\": -LONGEST}|true", "increment|{\"max\": -THOUSAND_DIGITS}|false",
            "increment|{\"max\": \"-WIDEST\"}|true", "increment|{\"max\": \"-WIDEST9\"}|false",
            "decrement|{\"min\": THOUSAND_DIGITS}|false", "decrement|{\"by\": \"WIDEST\"}|true",
            "put|{\"value\": LONGEST, \"expected\": -LONGEST}|true", "put|{\"value\": THOUSAND_DIGITS}|false",
            "shard-increment|{\"by\": THOUSAND_DIGITS}|false", "next|{\"count\": THOUSAND_DIGITS}|false"})
    void theModelsBoundEveryNumberToo(String model, String body, boolean valid) {
        JsonSchemaValidation.CompiledSchema schema = JsonSchemaValidation.compile(
                TemplateFiles.readSchema("models/" + model + ".json"));
        assertThat(schema.validate(body(body)).isEmpty())
                .as(model + " " + body).isEqualTo(valid);
    }

    private static String path(String name) {
        return "/counters/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
