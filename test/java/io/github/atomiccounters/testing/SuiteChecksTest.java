package io.github.atomiccounters.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on the test suite itself, read from its sources: every test method asserts something (directly, or
 * through a helper that does), and every code of the error table of docs/http-api.md is asserted over HTTP by an end-to-end
 * test. A plain source reading (methods found by brace matching, calls by name), strict enough to catch a test
 * without a check and simple enough to stay obvious.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuiteChecksTest {
    private static final Path TESTS = Path.of("test/java");
    private static final Pattern METHOD = Pattern.compile(
            "(?m)^[ \\t]*(?:(?:public|protected|private|static|final|synchronized|default)\\s+)*(?:<[^>]+>\\s+)?"
                    + "[\\w.<>\\[\\], ?]+\\s+(\\w+)\\s*\\([^;{]*\\)\\s*(?:throws [\\w., ]+)?\\{");
    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");
    /** AssertJ and JUnit entry points, and fail(...). */
    private static final Pattern ASSERTION = Pattern.compile("\\b(assertThat\\w*|assertEquals|assertNotEquals|"
            + "assertTrue|assertFalse|assertNull|assertNotNull|assertThrows|assertDoesNotThrow|assertAll|"
            + "assertTimeout\\w*|fail)\\s*\\(");
    private static final Pattern CALL = Pattern.compile("(?:\\b([A-Z]\\w*)\\s*\\.\\s*)?\\b([a-z]\\w*)\\s*\\(");
    /** What {@link #codeOnly} writes over comments and literals: a character no pattern of this class matches. */
    static final char BLANK = '\u0000';
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^import static [\\w.]+\\.(\\w+)\\.(\\w+);");

    /** A method of the suite: {@code body} is its code with comments and literals blanked, {@code raw} as written. */
    record Method(String file, String className, String name, boolean test, String body, String raw) {
        Method(String file, String className, String name, boolean test, String body) {
            this(file, className, name, test, body, body);
        }
    }

    private final List<Method> methods = new ArrayList<>();
    /** "File.method" of every test method, found by reflection (nested classes belong to their file). */
    private final Set<String> testMethods = new HashSet<>();
    /** Those of them that are @Disabled: they assert, but prove nothing while disabled. */
    private final Set<String> disabled = new HashSet<>();

    @BeforeAll
    void readTheSuite() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(this::read);
        }
    }

    private void collectTests(Class<?> type, String file) {
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            for (var a : m.getAnnotations()) {
                if (TEST_ANNOTATIONS.contains(a.annotationType().getSimpleName())) {
                    testMethods.add(file + "." + m.getName());
                }
                if (a.annotationType().getSimpleName().equals("Disabled")) {
                    disabled.add(file + "." + m.getName());
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectTests(nested, file);
        }
    }

    private void read(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String className = file.getFileName().toString().replace(".java", "");
        String fqcn = TESTS.relativize(file).toString().replace(".java", "").replace('/', '.');
        try {
            collectTests(Class.forName(fqcn, false, getClass().getClassLoader()), className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("test source without its class: " + fqcn, e);
        }
        String code = codeOnly(source);
        Matcher m = METHOD.matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int close = matchingBrace(code, open);
            boolean test = testMethods.contains(className + "." + m.group(1));
            String imports = staticImports(source);
            methods.add(new Method(file.toString(), className, m.group(1), test,
                    code.substring(open, close + 1) + imports, source.substring(open, close + 1) + imports));
        }
    }

    /** The static imports of the file, so that a call to an imported helper resolves to its class. */
    private static String staticImports(String source) {
        StringBuilder out = new StringBuilder("\n//imports");
        Matcher m = STATIC_IMPORT.matcher(source);
        while (m.find()) {
            out.append(' ').append(m.group(1)).append('.').append(m.group(2));
        }
        return out.toString();
    }

    /**
     * The source with comments, string, text block and char literals blanked (same length, so offsets still point
     * into the source): braces and calls inside them are not code. The blank is {@link #BLANK}, not a space: in a run
     * of spaces (a blanked text block or Javadoc) the method pattern's {@code [ \t]*}, type and {@code \s+} parts can
     * share the spaces out in every possible way, which made this reading take ~30 s of CPU; no pattern here matches
     * {@link #BLANK}, so the methods found are the same.
     */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (!s.startsWith("\"\"\"", end)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end += 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                end = i + 1;
                while (s.charAt(end) != quote) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end++;
            } else {
                i++;
                continue;
            }
            for (int j = i + 1; j < end - 1; j++) {
                if (s.charAt(j) != '\n') {
                    out.setCharAt(j, BLANK);
                }
            }
            i = end;
        }
        return out.toString();
    }

    private static int matchingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    /** Methods that assert, directly or through methods they call (same class, or Class.method, or static import). */
    private Set<Method> asserting() {
        Map<String, List<Method>> byClassAndName = new HashMap<>();
        methods.forEach(m -> byClassAndName.computeIfAbsent(m.className() + "." + m.name(), k -> new ArrayList<>())
                .add(m));
        Set<Method> asserting = new HashSet<>();
        methods.stream().filter(m -> ASSERTION.matcher(m.body()).find()).forEach(asserting::add);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Method m : methods) {
                if (asserting.contains(m)) {
                    continue;
                }
                String imports = m.body().substring(m.body().lastIndexOf("//imports"));
                Matcher call = CALL.matcher(m.body());
                while (call.find()) {
                    String owner = call.group(1) != null ? call.group(1) : m.className();
                    String name = call.group(2);
                    Matcher imported = Pattern.compile(" (\\w+)\\." + name + "\\b").matcher(imports);
                    if (call.group(1) == null && imported.find()) {
                        owner = imported.group(1);
                    }
                    List<Method> callees = byClassAndName.getOrDefault(owner + "." + name, List.of());
                    if (callees.stream().anyMatch(asserting::contains)) {
                        asserting.add(m);
                        grew = true;
                        break;
                    }
                }
            }
        }
        return asserting;
    }

    @Test
    void everyTestMethodAssertsSomething() {
        Set<Method> asserting = asserting();
        List<Method> tests = methods.stream().filter(Method::test).toList();
        assertThat(tests.stream().map(t -> t.className() + "." + t.name()).distinct().count())
                .as("every test method found by reflection is found in the sources").isEqualTo(testMethods.size());
        List<String> without = tests.stream().filter(t -> !asserting.contains(t))
                .map(t -> t.className() + "#" + t.name()).toList();
        System.out.printf("[suite] %d test methods in %d classes, %d without an assertion, %d disabled: %s%n",
                tests.size(), tests.stream().map(Method::className).distinct().count(), without.size(),
                disabled.size(), disabled);
        assertThat(tests).as("test methods found: the reading works").hasSizeGreaterThan(300);
        assertThat(without).as("test methods that assert nothing").isEmpty();
    }

    /** The reading itself: a test calling only a helper without assertions is reported, one calling one is not. */
    @Test
    void aTestWithoutAnAssertionIsFound() {
        SuiteChecksTest probe = new SuiteChecksTest();
        probe.methods.add(new Method("x", "X", "helper", false, "{ int a = 1; }\n//imports"));
        probe.methods.add(new Method("x", "X", "checks", false, "{ assertThat(1).isOne(); }\n//imports"));
        probe.methods.add(new Method("x", "X", "silent", true, "{ helper(); }\n//imports"));
        probe.methods.add(new Method("x", "X", "viaHelper", true, "{ checks(); }\n//imports"));
        probe.methods.add(new Method("x", "Y", "viaImport", true, "{ checks(); }\n//imports X.checks"));
        assertThat(probe.asserting()).extracting(Method::name).containsExactlyInAnyOrder("checks", "viaHelper",
                "viaImport");
    }

    /**
     * Codes of the error table of docs/http-api.md that the local runtime cannot produce over HTTP, each with why and the test
     * that asserts it instead. Adding one here needs a reason as good as this one.
     */
    private static final Map<String, String> NOT_OVER_HTTP = Map.of();

    /** Each code of the error table of docs/http-api.md, and the end-to-end tests that assert it over HTTP. */
    @Test
    void everyCodeOfTheReadmesErrorTableIsAssertedOverHttp() throws IOException {
        Map<String, String> codes = new LinkedHashMap<>();  // code -> its statuses as a regex, e.g. "503|504"
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("docs", "http-api.md"))) {
            if (line.startsWith("| status | error | when |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|")) {
                String[] cells = line.split("\\|");
                if (cells[1].trim().matches("\\d{3}( / \\d{3})*")) {
                    Matcher code = Pattern.compile("`(\\w+)`").matcher(cells[2]);
                    while (code.find()) {
                        codes.put(code.group(1), cells[1].trim().replace(" / ", "|"));
                    }
                }
            } else if (inTable) {
                break;
            }
        }
        assertThat(codes).as("codes read from the error table of docs/http-api.md").hasSizeGreaterThanOrEqualTo(15)
                .containsKeys("BadRequest", "InternalError", "Unauthorized", "ServiceUnavailable");

        // assertError(r, 403, "Forbidden"), or .isEqualTo("Forbidden") on a parsed "error" field
        Map<String, Pattern> assertions = new LinkedHashMap<>();
        codes.forEach((code, statuses) -> assertions.put(code, Pattern.compile("(assertError\\([^;]*\\b(" + statuses
                + "),\\s*\"" + code + "\")|(\"error\"\\)\\.asText\\(\\)\\)[^;]*isEqualTo\\(\"" + code + "\"\\))")));
        Map<String, Set<String>> assertedBy = new TreeMap<>();
        for (Method m : methods.stream().filter(Method::test).filter(m -> m.file().contains("/e2e/"))
                .filter(m -> !disabled.contains(m.className() + "." + m.name())).toList()) {
            assertions.forEach((code, assertion) -> {
                if (assertion.matcher(m.raw()).find()) {
                    assertedBy.computeIfAbsent(code, c -> new TreeSet<>()).add(m.className() + "#" + m.name());
                }
            });
        }
        assertedBy.forEach((code, tests) -> System.out.printf("[contract] %s %s: %s%n", codes.get(code), code, tests));
        NOT_OVER_HTTP.forEach((code, why) -> System.out.printf("[contract] %s %s: not over HTTP: %s%n",
                codes.get(code), code, why));
        assertThat(codes.keySet()).as("codes of the error table of docs/http-api.md that no end-to-end test asserts")
                .allSatisfy(code -> assertThat(assertedBy.containsKey(code) || NOT_OVER_HTTP.containsKey(code))
                        .as(code).isTrue());
        assertThat(NOT_OVER_HTTP.keySet()).as("exceptions that are in the table and still not asserted over HTTP")
                .allSatisfy(code -> assertThat(codes).containsKey(code))
                .allSatisfy(code -> assertThat(assertedBy).doesNotContainKey(code));
        assertThat(methods).as("the test each exception names asserts that code")
                .anySatisfy(m -> assertThat(m.className() + "#" + m.name() + m.raw())
                        .startsWith("GatewayAnswers#assertEveryErrorIsJsonWithItsCode").contains("assertThat"))
                .anySatisfy(m -> assertThat(m.className() + "#" + m.name() + m.raw())
                        .startsWith("CounterStackTest#everyGatewayErrorIsItsOwnJsonAnswerWithAConstantCode{")
                        .contains("GatewayAnswers.assertEveryErrorIsJsonWithItsCode"));
    }
}
