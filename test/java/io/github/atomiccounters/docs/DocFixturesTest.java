package io.github.atomiccounters.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole harness on fixture docs ({@code test/resources/docs-fixtures/}) against real local runtimes: a doc that
 * follows the convention passes (twice: each run starts from an empty store), and each kind of drift fails with a
 * message that says where and what.
 */
class DocFixturesTest {
    private static final Path FIXTURES = Path.of("test", "resources", "docs-fixtures");
    private static final DocRunner RUNNER = new DocRunner(ProjectFacts.project());

    private static DocRunner.FileReport run(String fixture) {
        return RUNNER.run(FIXTURES.resolve(fixture), fixture);
    }

    /** The one failure of a drift fixture (every other command of it passes). */
    private static DocRunner.Failure onlyFailure(String fixture) {
        DocRunner.FileReport report = run(fixture);
        assertThat(report.failures()).as(report.failures().stream().map(DocRunner.Failure::format).toList()
                .toString()).hasSize(1);
        return report.failures().get(0);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aDocThatFollowsTheConventionPassesAndEachRunStartsFromAnEmptyStore() {
        for (int run = 0; run < 2; run++) {
            DocRunner.FileReport report = run("good.md");
            assertThat(report.failures()).as("run %d: %s", run, report.failures().stream()
                    .map(DocRunner.Failure::format).toList()).isEmpty();
            assertThat(report.summary()).isEqualTo("good.md: 10 API examples, 4 CLI commands, 11 parsed-only");
        }
    }

    @Test
    void aChangedJsonValueFails() {
        DocRunner.Failure f = onlyFailure("drift-json-value.md");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.format()).startsWith("drift-json-value.md:5: curl -s \"${S[@]}\" -X POST ")
                .contains("expected: {\"name\":\"likes\",\"value\":6,\"previous\":0}")
                .contains("actual:   200 {\"name\": \"likes\", \"value\": 5, \"previous\": 0}")
                .contains("- $.value: expected 6, got 5");
    }

    @Test
    void aMissingKeyAndAnExtraKeyFailEach() {
        DocRunner.FileReport report = run("drift-missing-key.md");
        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0).line()).isEqualTo(5);
        assertThat(report.failures().get(0).message()).contains("- $.total: missing (expected 1)")
                .doesNotContain("unexpected");
        assertThat(report.failures().get(1).line()).isEqualTo(7);
        assertThat(report.failures().get(1).message()).contains("- $.previous: unexpected key (its value: 1)")
                .doesNotContain("missing");
    }

    @Test
    void aWrongStatusFails() {
        DocRunner.Failure f = onlyFailure("drift-status.md");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).contains("- status: expected 200, got 409").doesNotContain("$.");
    }

    @Test
    void anUnknownCurlOptionFailsNamingIt() {
        DocRunner.Failure f = onlyFailure("drift-curl-option.md");
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.message()).startsWith("unsupported curl option --compressed");
    }

    @Test
    void proseWhereAnExpectedOutputGoesFails() {
        DocRunner.Failure f = onlyFailure("drift-prose.md");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).contains("prose where an expected output goes: \"# value 1\"")
                .contains("actual: 200 {\"name\": \"likes\", \"value\": 1, \"previous\": 0}");
    }

    @Test
    void anUnknownCommandFails() {
        DocRunner.Failure f = onlyFailure("drift-unknown-command.md");
        assertThat(f.format()).isEqualTo("drift-unknown-command.md:4: jq .value response.json\n"
                + "    unknown command in a doc block: jq (add it to the harness or move it to a text block)");
    }

    @Test
    void aCdkCliVersionOtherThanThePinnedOneFails() {
        DocRunner.Failure f = onlyFailure("drift-cli-pin.md");
        assertThat(f.message()).isEqualTo("npx aws-cdk@2.1000.0: .ci/run pins the CDK CLI at "
                + ProjectFacts.project().cdkCliVersion());
    }

    @Test
    void aContextOptionTheAppDoesNotReadFails() {
        DocRunner.Failure f = onlyFailure("drift-context-key.md");
        assertThat(f.message()).startsWith("-c tableName: not a context key the app reads (it reads [")
                .contains("existingTableName");
    }

    @Test
    void dataWithoutAContentTypeGetsThe415TheRealCurlWouldGet() {
        DocRunner.Failure f = onlyFailure("drift-content-type.md");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).contains("actual:   415 {\"error\": \"UnsupportedMediaType\"")
                .contains("- $.error: unexpected key");
    }

    @Test
    void aCurlWithoutAnExpectedOutputFails() {
        DocRunner.Failure f = onlyFailure("drift-no-expected-output.md");
        assertThat(f.line()).isEqualTo(5);
        assertThat(f.message()).startsWith("no expected output: every curl needs one")
                .contains("actual: 200 {\"name\": \"likes\", \"value\": 1, \"previous\": 0}");
    }

    @Test
    void shellTheHarnessDoesNotReadFailsWithTheLineAndWhatLaterCommandsMiss() {
        DocRunner.FileReport report = run("drift-shell-syntax.md");
        assertThat(report.failures()).extracting(DocRunner.Failure::line).containsExactly(5, 7, 8);
        assertThat(report.failures().get(0).message()).startsWith("unsupported shell syntax: command substitution $(...)");
        assertThat(report.failures().get(1).message()).startsWith("unsupported shell syntax: a pipe '|'");
        assertThat(report.failures().get(2).message())
                .isEqualTo("not run: $URL is not usable: its assignment at line 5 is not supported");
    }

    @Test
    void cliOptionsTheCliDoesNotHaveFail() {
        DocRunner.FileReport report = run("drift-cli-option.md");
        assertThat(report.failures()).hasSize(3);
        assertThat(report.failures().get(0).message()).startsWith("the CLI refuses these arguments: Unknown option: "
                + "'--color'");
        assertThat(report.failures().get(1).message()).startsWith("serve -c tableName=...: the app reads no context "
                + "key 'tableName'");
        // the curl after a refused serve ran against the runtime selected before it (IAM: unsigned is refused)
        assertThat(report.failures().get(2).line()).isEqualTo(9);
        assertThat(report.failures().get(2).message()).contains("actual:   403 {\"error\": \"MissingAuthenticationToken\"")
                .endsWith("note: the serve at line 5 was refused, so this ran against `serve`");
    }
}
