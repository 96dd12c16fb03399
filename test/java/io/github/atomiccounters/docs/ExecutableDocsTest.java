package io.github.atomiccounters.docs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The docs are executable: every {@code sh} block of README.md, docs/*.md and examples/*&#47;README.md runs against
 * a local {@code serve} started by this test, and a doc example that drifts from the code fails the build.
 *
 * <h2>The convention</h2>
 *
 * <ol>
 *   <li><b>What runs.</b> Only fenced blocks whose info string is {@code sh}; {@code text}, {@code json},
 *       {@code java}, ... (and blocks without one) are prose. The files, in this order: {@code README.md}, every
 *       {@code docs/*.md} (by name), every {@code examples/*&#47;README.md} (by directory name). Each file runs top
 *       to bottom, its blocks in order, sharing variables and the selected runtime within the file.</li>
 *
 *   <li><b>Shell.</b> A logical line joins {@code \}-continued lines (and a quote or an array's parentheses
 *       continue onto the next line, as in bash). Blank lines, and lines starting with {@code #} that do not follow
 *       a command, are ignored. {@code NAME=value} and {@code NAME=(...)} (a bash array) set variables (a comment
 *       after an assignment is ignored: an assignment prints nothing); {@code $NAME}, {@code ${NAME}},
 *       {@code "${NAME[@]}"} and {@code ${NAME[*]}} expand, with bash's quoting (single quotes literal, double
 *       quotes with {@code \"} {@code \\} {@code \$} escapes, unquoted expansions split on blanks).
 *       {@code $(...)}, backquotes, pipes, {@code &&}, {@code ||}, {@code ;}, {@code &}, redirections, subshells and
 *       other {@code ${...}} forms are not supported and fail with the file and line. A variable that is not set
 *       fails a command that runs; a command that is only parsed keeps {@code $NAME} as written (it reads the
 *       reader's environment).</li>
 *
 *   <li><b>Expected output.</b> The comment lines right after a command (no blank line between) are its expected
 *       output, and so is a trailing {@code  # ...} on the command's own line when it reads as one (JSON or a
 *       status line); any other trailing comment is a note on the command ({@code serve  # the API on ...}):
 *       <ul>
 *         <li>{@code # {...}} or {@code # [...]}: the output (the HTTP body, or what a CLI command printed) must be
 *             that JSON (it may continue on the next comment lines), compared as JSON trees: key order free,
 *             numbers compared by value; the string {@code "*"} matches any value at that place (times, ids).
 *             An extra or a missing key fails.</li>
 *         <li>{@code # HTTP 409} (or {@code # HTTP/1.1 409}), optionally followed by {@code # Header-Name: value}
 *             lines ({@code *}: any value), before the JSON line: the status and those headers are checked. It
 *             goes with {@code curl -i}, and {@code curl -i} needs it (curl prints the status line then). With a
 *             status and no JSON line, the body must be empty (a 204).</li>
 *         <li>any other {@code # } text right after a command fails ("prose where an expected output goes"):
 *             prose belongs in the markdown, outside the block. Every {@code curl} must have an expected output
 *             ("no expected output"). A command the test does not run (see 4) must have none: it could not be
 *             checked.</li>
 *       </ul></li>
 *
 *   <li><b>Commands.</b>
 *       <ul>
 *         <li>{@code curl} runs in an interpreter ({@link CurlInterpreter}; no curl binary): {@code -s}, {@code -S},
 *             {@code -i}, {@code -X METHOD}, {@code -d DATA}/{@code --data DATA}, {@code -H 'Name: value'},
 *             {@code --aws-sigv4 'aws:amz:REGION:SERVICE'} with {@code --user KEY:SECRET} (signed with the AWS
 *             SDK's {@code AwsV4HttpSigner}), and one URL; any other option fails, naming it. A URL on
 *             {@code http://127.0.0.1:8080} (or the {@code --host}/{@code --port} of the file's last
 *             {@code serve}) goes to the runtime the test started, same stage; any other URL fails. As with the
 *             real curl, {@code -d} sends {@code Content-Type: application/x-www-form-urlencoded} unless a
 *             {@code -H 'Content-Type: ...'} says otherwise, so an example that forgets
 *             {@code -H 'Content-Type: application/json'} gets the API's 415 and fails.</li>
 *         <li>The CLI, as {@code mvn -q compile exec:java -Dexec.args="ARGS"} or
 *             {@code java -cp ... io.github.atomiccounters.cli.Main ARGS} ({@link CliRunner}): ARGS are parsed by
 *             picocli with the real {@code Main}, so invalid options fail. {@code serve ...} selects the runtime the
 *             file's following curl commands (and local {@code verify}) talk to: one per distinct
 *             {@code -c key=value} context, {@code --no-auth}, {@code --fault} and {@code --template}, started on a
 *             free port and cached for the run; before the file's first {@code serve}, and for a plain
 *             {@code serve}, that is the default runtime (IAM auth, cdk.json's context). {@code render},
 *             {@code openapi} and {@code verify} run in-process, their output captured, and must exit 0
 *             ({@code openapi --output FILE} writes under {@code target/docs-test/}, and the file is its output;
 *             {@code verify --endpoint http://127.0.0.1:8080/v1 ...} is rewritten like curl URLs, a verify of any
 *             other endpoint is only parsed). Other subcommands ({@code bench}) are only parsed. {@code -c} keys
 *             of {@code serve} and {@code openapi} must be context keys the app reads.</li>
 *         <li>{@code npx [-y] aws-cdk@VERSION COMMAND [options]} is not run ({@link ParsedCommands}): VERSION must be
 *             the one {@code .ci/run} pins, and every {@code -c key=value} key must be a context key the app reads
 *             (collected from CounterStack's {@code context("...")}/{@code number("...")} and CounterApp's
 *             {@code tryGetContext("...")}: {@link ProjectFacts}).</li>
 *         <li>Recognised and parsed, not run: {@code aws ...}, {@code mvn -B verify},
 *             {@code mvn -B -q install -DskipTests}, {@code NAME=value ... mvn ...} (e.g. {@code CDK_OUTDIR=...}),
 *             {@code cd DIR}, {@code export NAME=value} (which sets the variable, as bash does),
 *             {@code git clone URL [DIR]}.</li>
 *         <li>Any other command fails with file and line ("unknown command in a doc block: add it to the harness
 *             or move it to a text block").</li>
 *       </ul></li>
 *
 *   <li><b>State.</b> A runtime is emptied (every item of every table deleted, page by page) when a file first
 *       uses it, so each file starts from an empty store; within a file, state carries over from block to block.
 *       The runtimes' clock is moved, before each file, to one second past a minute (at most a minute ahead of the
 *       system clock), so a file's 60 s rate-limit window examples run inside one window.</li>
 *
 *   <li><b>Report.</b> One line per file ({@code README.md: 12 API examples, 3 CLI commands, 2 parsed-only}) and the
 *       totals are printed; the test fails with every failure of every file (file:line, the command, expected vs
 *       actual), not only the first.</li>
 * </ol>
 *
 * <p>The harness itself is tested on fixture docs ({@code test/resources/docs-fixtures/}, {@link DocFixturesTest})
 * and class by class.
 *
 * <p>It runs in every {@code mvn -B verify}; tagged {@code docs}, so {@code mvn test -Dgroups=docs} runs it alone.
 */
@Tag("docs")
class ExecutableDocsTest {

    /** The doc files, in the order they run. */
    static List<Path> docFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            examples.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyShellBlockOfTheDocsRunsAsWritten() throws IOException {
        DocRunner runner = new DocRunner(ProjectFacts.project());
        List<DocRunner.FileReport> reports = new ArrayList<>();
        for (Path file : docFiles()) {
            DocRunner.FileReport report = runner.run(file, file.toString().replace('\\', '/'));
            System.out.println("[docs] " + report.summary());
            reports.add(report);
        }
        int api = reports.stream().mapToInt(DocRunner.FileReport::apiExamples).sum();
        int cli = reports.stream().mapToInt(DocRunner.FileReport::cliCommands).sum();
        int parsed = reports.stream().mapToInt(DocRunner.FileReport::parsedOnly).sum();
        List<DocRunner.Failure> failures = reports.stream().flatMap(r -> r.failures().stream()).toList();
        String totals = "total: " + reports.size() + " files, " + api + " API examples, " + cli + " CLI commands, "
                + parsed + " parsed-only, " + failures.size() + " failures";
        System.out.println("[docs] " + totals);
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder("the docs drifted from the code (" + totals + "):\n");
            for (DocRunner.FileReport r : reports) {
                message.append("\n== ").append(r.summary()).append('\n');
                r.failures().forEach(f -> message.append(f.format()).append("\n\n"));
            }
            fail(message.toString());
        }
    }
}
