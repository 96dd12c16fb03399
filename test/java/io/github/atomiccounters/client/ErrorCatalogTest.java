package io.github.atomiccounters.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog of error codes ({@link ErrorCode}) is the one list: every code maps to its typed exception, the
 * client's retries follow its advice, and the error table of docs/http-api.md and the expectations of the
 * {@code verify} command say exactly what it says. Each check comes with the input it must refuse.
 */
class ErrorCatalogTest {
    private static final Path DOC = Path.of("docs", "http-api.md");
    private static final Path VERIFY = Path.of("src/main/java/io/github/atomiccounters/cli/verify/ContractSuite.java");

    private static RawResponse answer(int status, String code) {
        // the fields some codes promise (value, limit, resetAt), harmless for the others
        return new RawResponse(status, Map.of(), "{\"error\": \"" + code + "\", \"message\": \"why\", \"value\": 1, "
                + "\"limit\": 2, \"resetAt\": 1795430460}");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeOfTheCatalogMapsToItsTypedException(ErrorCode code) {
        assertThat(code.statuses()).isNotEmpty();
        for (int status : code.statuses()) {
            CounterApiException e = CounterApiException.from(answer(status, code.code()));
            assertThat(e).as(status + " " + code.code()).isExactlyInstanceOf(code.exception());
            assertThat(e.errorCode()).contains(code.code());
        }
        // typed: not the fallback a code this client does not know would get
        assertThat(code.exception()).isNotIn(UnexpectedResponseException.class, CounterApiException.class,
                ConflictException.class, TooManyRequestsException.class);
    }

    @Test
    void aCodeOutsideTheCatalogFallsBackToItsStatus() {
        assertThat(ErrorCode.of("SomethingNew")).isEmpty();
        assertThat(CounterApiException.from(answer(413, "SomethingNew")))
                .isExactlyInstanceOf(RequestTooLargeException.class);
        assertThat(CounterApiException.from(answer(409, "SomethingNew"))).isExactlyInstanceOf(ConflictException.class);
        assertThat(CounterApiException.from(answer(418, "SomethingNew")))
                .isExactlyInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void requestTooLargeHasItsOwnException() {
        CounterApiException e = CounterApiException.from(new RawResponse(413, Map.of(),
                "{\"error\": \"RequestTooLarge\", \"message\": \"Request Too Long\"}"));
        assertThat(e).isExactlyInstanceOf(RequestTooLargeException.class);
        assertThat(e.getMessage()).isEqualTo("413 RequestTooLarge: Request Too Long");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theClientRetriesAsTheCatalogSays(ErrorCode code) {
        for (int status : code.statuses()) {
            RawResponse response = answer(status, code.code());
            boolean anyCall = Retries.retryable(response, false);
            boolean replaySafeCall = Retries.retryable(response, true);
            switch (code.retry()) {
                case ALWAYS -> assertThat(anyCall && replaySafeCall).as(code + " " + status).isTrue();
                case IF_REPLAY_SAFE -> assertThat(!anyCall && replaySafeCall).as(code + " " + status).isTrue();
                case NEVER -> assertThat(anyCall || replaySafeCall).as(code + " " + status).isFalse();
                default -> throw new AssertionError(code.retry());
            }
        }
    }

    // ---- docs/http-api.md's error table

    /** One row of the error table: status(es), code, meaning, retry, exception. */
    record Row(String statuses, String code, String meaning, String retry, String exception) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\| ([0-9 /]+) \\| `([A-Za-z]+)` \\| (.+) \\| (no|always|if replay-safe) \\| `([A-Za-z]+)` \\|$",
            Pattern.MULTILINE);

    static Map<String, Row> tableRows(String markdown) {
        String section = markdown.substring(markdown.indexOf("## Errors"));
        String table = section.substring(section.indexOf("| status | error |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.put(m.group(2), new Row(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
        }
        assertThat(table.lines().count()).as("every line of the table is a row of the catalog's shape")
                .isEqualTo(rows.size() + 2);
        return rows;
    }

    static Row rowOf(ErrorCode code) {
        String retry = switch (code.retry()) {
            case ALWAYS -> "always";
            case IF_REPLAY_SAFE -> "if replay-safe";
            case NEVER -> "no";
        };
        return new Row(code.statuses().stream().map(String::valueOf).collect(Collectors.joining(" / ")), code.code(),
                code.meaning(), retry, code.exception().getSimpleName());
    }

    /** Differences between a table and the catalog: one message per missing, extra or different row. */
    static List<String> tableProblems(Map<String, Row> table) {
        List<String> problems = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            Row row = table.get(code.code());
            if (row == null) {
                problems.add("missing: " + rowOf(code));
            } else if (!row.equals(rowOf(code))) {
                problems.add("differs: " + row + " instead of " + rowOf(code));
            }
        }
        table.keySet().stream().filter(c -> ErrorCode.of(c).isEmpty()).forEach(c -> problems.add("not in the "
                + "catalog: " + table.get(c)));
        return problems;
    }

    @Test
    void theDocsErrorTableIsTheCatalog() throws IOException {
        Map<String, Row> table = tableRows(Files.readString(DOC));
        assertThat(tableProblems(table)).isEmpty();
        assertThat(table.keySet()).containsExactlyElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    }

    @Test
    void aTableThatDriftsFromTheCatalogIsReported() throws IOException {
        String doc = Files.readString(DOC);
        Map<String, Row> table = tableRows(doc.replace("| 413 | `RequestTooLarge`", "| 400 | `RequestTooLarge`")
                .replace("| `ConcurrentUpdateException` |\n", "| `ConcurrentUpdateException` |\n"
                        + "| 409 | `Gone` | gone | no | `ConflictException` |\n"));
        table.remove("QuotaExceeded");
        assertThat(tableProblems(table)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("differs: Row[statuses=400, code=RequestTooLarge"))
                .anySatisfy(p -> assertThat(p).startsWith("missing: Row[statuses=429, code=QuotaExceeded"))
                .anySatisfy(p -> assertThat(p).startsWith("not in the catalog: Row[statuses=409, code=Gone"));
    }

    // ---- verify's expectations

    /** "404 NotFound" (and "403 InvalidApiKey or Forbidden"): each status and code verify expects. */
    private static final Pattern EXPECTED =
            Pattern.compile("\\b([1-5][0-9]{2}) ([A-Z][A-Za-z]+)((?: or [A-Z][A-Za-z]+)*)");
    /** checkError(title, "409 Code...", SomeException.class, ...): the exception verify expects for a code. */
    private static final Pattern CHECK_ERROR = Pattern.compile(
            "checkError\\(\"[^\"]*\",\\s*\"([1-5][0-9]{2}) ([A-Z][A-Za-z]+)[^\"]*\",\\s*([A-Za-z]+)\\.class");

    static List<String> verifyProblems(String source) {
        List<String> problems = new ArrayList<>();
        Matcher m = EXPECTED.matcher(source);
        while (m.find()) {
            int status = Integer.parseInt(m.group(1));
            List<String> codes = new ArrayList<>(List.of(m.group(2)));
            codes.addAll(Arrays.stream(m.group(3).split(" or ")).filter(c -> !c.isBlank()).toList());
            for (String code : codes) {
                if (ErrorCode.of(code).filter(c -> c.statuses().contains(status)).isEmpty()) {
                    problems.add(status + " " + code + ": not a status and code of the catalog");
                }
            }
        }
        Matcher check = CHECK_ERROR.matcher(source);
        while (check.find()) {
            String code = check.group(2);
            String exception = check.group(3);
            ErrorCode.of(code).filter(c -> !c.exception().getSimpleName().equals(exception)
                    && !isSuperclass(exception, c.exception())).ifPresent(c -> problems.add(code + " expected as "
                    + exception + ", but the catalog maps it to " + c.exception().getSimpleName()));
        }
        return problems;
    }

    private static boolean isSuperclass(String simpleName, Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (t.getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void verifyExpectsOnlyCodesOfTheCatalog() throws IOException {
        String source = Files.readString(VERIFY);
        assertThat(EXPECTED.matcher(source).results().count()).as("expectations found").isGreaterThan(15);
        assertThat(CHECK_ERROR.matcher(source).results().count()).as("checkError calls found").isGreaterThan(8);
        assertThat(verifyProblems(source)).isEmpty();
    }

    @Test
    void aVerifyExpectationOutsideTheCatalogIsReported() {
        assertThat(verifyProblems("report.check(\"x\", \"409 Gone\", ...); report.check(\"y\", \"429 NotFound\")"))
                .containsExactly("409 Gone: not a status and code of the catalog",
                        "429 NotFound: not a status and code of the catalog");
        assertThat(verifyProblems("checkError(\"t\", \"404 NotFound\", BadRequestException.class, () -> x)"))
                .containsExactly("NotFound expected as BadRequestException, but the catalog maps it to "
                        + "NotFoundException");
    }
}
