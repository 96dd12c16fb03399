package io.github.atomiccounters.cdk;

import io.github.atomiccounters.client.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code the deployed API can answer with is in the catalog ({@link ErrorCode}): each {@code "error"} a mapping
 * template writes (a literal, so that the catalog can know it), and each gateway response's code at the status API
 * Gateway gives its type. Each check comes with the input it must refuse.
 */
class ErrorCodesTest {
    private static final Path TEMPLATES = Path.of("velocity-templates");
    /** {@code "error": <value>}: the value must be a literal code. */
    private static final Pattern ERROR_FIELD = Pattern.compile("\"error\"\\s*:\\s*(\"([A-Za-z]+)\"|[^,}\\s]*)");

    /**
     * The status API Gateway answers each gateway response type with ("Gateway response types", API Gateway
     * developer guide); DEFAULT_4XX and DEFAULT_5XX take the status of the error they stand for.
     */
    private static final Map<String, Integer> TYPE_STATUS = Map.ofEntries(
            entry("ACCESS_DENIED", 403), entry("API_CONFIGURATION_ERROR", 500),
            entry("AUTHORIZER_CONFIGURATION_ERROR", 500), entry("AUTHORIZER_FAILURE", 500),
            entry("BAD_REQUEST_PARAMETERS", 400), entry("BAD_REQUEST_BODY", 400), entry("EXPIRED_TOKEN", 403),
            entry("INTEGRATION_FAILURE", 504), entry("INTEGRATION_TIMEOUT", 504), entry("INVALID_API_KEY", 403),
            entry("INVALID_SIGNATURE", 403), entry("MISSING_AUTHENTICATION_TOKEN", 403),
            entry("QUOTA_EXCEEDED", 429), entry("REQUEST_TOO_LARGE", 413), entry("RESOURCE_NOT_FOUND", 404),
            entry("THROTTLED", 429), entry("UNAUTHORIZED", 401), entry("UNSUPPORTED_MEDIA_TYPE", 415),
            entry("WAF_FILTERED", 403));

    /** Problems of one template's text: a code outside the catalog, or an {@code "error"} that is not a literal. */
    static List<String> templateProblems(String file, String text) {
        List<String> problems = new ArrayList<>();
        Matcher m = ERROR_FIELD.matcher(text);
        while (m.find()) {
            String code = m.group(2);
            if (code == null) {
                problems.add(file + ": \"error\": " + m.group(1) + " is not a literal code, so the catalog cannot "
                        + "know it");
            } else if (ErrorCode.of(code).isEmpty()) {
                problems.add(file + ": code " + code + " is not in the catalog (client/ErrorCode, docs/http-api.md)");
            }
        }
        return problems;
    }

    /** Problems of one gateway response: its code outside the catalog, or at a status the catalog does not give. */
    static List<String> gatewayProblems(String responseType, String template) {
        List<String> problems = new ArrayList<>(templateProblems(responseType, template));
        Matcher m = ERROR_FIELD.matcher(template);
        if (!m.find() || m.group(2) == null) {
            problems.add(responseType + ": no literal \"error\" code");
            return problems;
        }
        ErrorCode.of(m.group(2)).ifPresent(code -> {
            Integer status = TYPE_STATUS.get(responseType);
            boolean fits = status != null ? code.statuses().contains(status)
                    : responseType.equals("DEFAULT_4XX") ? code.statuses().stream().allMatch(s -> s / 100 == 4)
                    : responseType.equals("DEFAULT_5XX") && code.statuses().stream().allMatch(s -> s / 100 == 5);
            if (!fits) {
                problems.add(responseType + ": answers " + code.code() + " at " + (status != null ? status
                        : responseType) + ", but the catalog gives " + code.code() + " the statuses "
                        + code.statuses());
            }
        });
        return problems;
    }

    @Test
    void everyCodeATemplateWritesIsInTheCatalog() throws IOException {
        Set<String> codes = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(TEMPLATES.resolve("models"))).sorted().toList()) {
                String text = Files.readString(file);
                problems.addAll(templateProblems(file.toString(), text));
                ERROR_FIELD.matcher(text).results().map(r -> r.group(2)).forEach(codes::add);
            }
        }
        assertThat(problems).isEmpty();
        // the scan found the codes the error template and the gateway responses write
        assertThat(codes).contains("LimitExceeded", "ConcurrentUpdate", "NotFound", "RequestTooLarge", "Throttled",
                "InternalError");
    }

    @Test
    void aTemplateWritingAnUnknownOrComputedCodeIsReported() {
        assertThat(templateProblems("t.vtl", "{\"error\": \"Teapot\", \"message\": \"no\"}"))
                .containsExactly("t.vtl: code Teapot is not in the catalog (client/ErrorCode, docs/http-api.md)");
        assertThat(templateProblems("t.vtl", "{\"error\": \"$code\", \"message\": \"no\"}")).hasSize(1)
                .allSatisfy(p -> assertThat(p).contains("is not a literal code"));
        assertThat(templateProblems("t.vtl", "{\"error\": $code}")).hasSize(1);
        assertThat(templateProblems("t.vtl", "{\"error\": \"NotFound\", \"message\": \"$name\"}")).isEmpty();
    }

    @Test
    void everyGatewayResponseAnswersACatalogCodeAtItsStatus() {
        assertThat(TYPE_STATUS.keySet()).containsAll(AtomicCounterApi.GATEWAY_ANSWERS.stream()
                .map(AtomicCounterApi.GatewayAnswer::responseType)
                .filter(t -> !t.startsWith("DEFAULT_")).toList());
        for (AtomicCounterApi.GatewayAnswer answer : AtomicCounterApi.GATEWAY_ANSWERS) {
            assertThat(gatewayProblems(answer.responseType(), TemplateFiles.read(answer.file())))
                    .as(answer.file()).isEmpty();
        }
    }

    @Test
    void aGatewayResponseWithAnotherCodeOrStatusIsReported() {
        assertThat(gatewayProblems("THROTTLED", "{\"error\": \"SlowDown\", \"message\": $context.error.messageString}"))
                .containsExactly("THROTTLED: code SlowDown is not in the catalog (client/ErrorCode, docs/http-api.md)");
        assertThat(gatewayProblems("THROTTLED", "{\"error\": \"NotFound\", \"message\": \"x\"}"))
                .containsExactly("THROTTLED: answers NotFound at 429, but the catalog gives NotFound the statuses "
                        + "[404]");
        assertThat(gatewayProblems("DEFAULT_5XX", "{\"error\": \"BadRequest\", \"message\": \"x\"}")).hasSize(1);
        assertThat(gatewayProblems("DEFAULT_4XX", "{\"message\": \"x\"}"))
                .containsExactly("DEFAULT_4XX: no literal \"error\" code");
    }
}
