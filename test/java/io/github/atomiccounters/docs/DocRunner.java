package io.github.atomiccounters.docs;

import io.github.atomiccounters.docs.ShellParser.Assignment;
import io.github.atomiccounters.docs.ShellParser.Blank;
import io.github.atomiccounters.docs.ShellParser.Command;
import io.github.atomiccounters.docs.ShellParser.Comment;
import io.github.atomiccounters.docs.ShellParser.Error;
import io.github.atomiccounters.docs.ShellParser.Item;
import io.github.atomiccounters.docs.ShellParser.Word;
import io.github.atomiccounters.local.LocalRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs one doc file under the convention of {@link ExecutableDocsTest}: its {@code sh} blocks top to bottom, with
 * variables shared across the file's blocks, and collects every failure instead of stopping at the first.
 */
final class DocRunner {
    /** The origin doc URLs use for the local serve unless a {@code serve --host/--port} says otherwise. */
    static final String DEFAULT_ORIGIN = "http://127.0.0.1:8080";
    private static final Pattern ENV_WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    /** A serve command line, as written (to tell, when one is refused, that later commands miss its runtime). */
    private static final Pattern SERVE = Pattern.compile("(exec\\.args=[\"']?|cli\\.Main\\s+)serve\\b");

    /** A failure: where in which file, the command as written, what is wrong (possibly several lines). */
    record Failure(String file, int line, String command, String message) {
        String format() {
            return file + ":" + line + ": " + (command == null ? "" : command) + "\n    "
                    + message.replace("\n", "\n    ");
        }
    }

    /** What a file came to: how many commands of each kind, and its failures. */
    record FileReport(String file, int apiExamples, int cliCommands, int parsedOnly, List<Failure> failures) {
        String summary() {
            return file + ": " + apiExamples + " API example" + (apiExamples == 1 ? "" : "s") + ", " + cliCommands
                    + " CLI command" + (cliCommands == 1 ? "" : "s") + ", " + parsedOnly + " parsed-only"
                    + (failures.isEmpty() ? "" : ", " + failures.size() + " failure" + (failures.size() == 1 ? "" : "s"));
        }
    }

    private final ParsedCommands parsedCommands;
    private final CliRunner cli;
    private final CurlInterpreter curl = new CurlInterpreter(DocRuntimes.CLOCK);

    DocRunner(ProjectFacts facts) {
        this.parsedCommands = new ParsedCommands(facts);
        this.cli = new CliRunner(facts.contextKeys());
    }

    /** Runs a file; {@code name} is how reports name it (e.g. {@code docs/performance.md}). */
    FileReport run(Path file, String name) {
        String markdown;
        try {
            markdown = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DocRuntimes.CLOCK.alignToMinute();
        List<List<Item>> blocks = MarkdownBlocks.of(markdown).stream().filter(b -> b.info().equals("sh"))
                .map(b -> ShellParser.parse(b.text(), b.firstLine())).toList();
        FileRun run = new FileRun(name);
        blocks.forEach(items -> items.forEach(item -> {
            if (item instanceof Assignment a) {
                run.vars.assignedAt(a.name(), a.line());
            }
        }));
        blocks.forEach(run::block);
        return new FileReport(name, run.api, run.cliCount, run.parsed, merged(run.failures));
    }

    /** Failures of the same command, one after the other, as one failure listing every problem. */
    private static List<Failure> merged(List<Failure> failures) {
        List<Failure> out = new ArrayList<>();
        for (Failure f : failures) {
            Failure last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.line() == f.line() && java.util.Objects.equals(last.command(), f.command())) {
                out.set(out.size() - 1, new Failure(f.file(), f.line(), f.command(), last.message() + "\n"
                        + f.message()));
            } else {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /** The state of one file's run. */
    private final class FileRun {
        private final String file;
        private final Variables vars = new Variables();
        private final List<Failure> failures = new ArrayList<>();
        private final Set<DocRuntimes.Spec> emptied = new HashSet<>();
        /** Specs whose runtime could not start, with the failure (so every later curl says why). */
        private final Map<DocRuntimes.Spec, String> broken = new HashMap<>();
        private DocRuntimes.Spec spec = DocRuntimes.Spec.DEFAULT;
        private String origin = DEFAULT_ORIGIN;
        /** The line of the last serve that was refused, if any: later mismatches say what they ran against. */
        private int refusedServe;
        private int api;
        private int cliCount;
        private int parsed;

        FileRun(String file) {
            this.file = file;
        }

        void block(List<Item> items) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item instanceof Blank || item instanceof Comment) {
                    continue;  // a comment that follows no command: prose the block may keep
                }
                if (item instanceof Error e) {
                    fail(e.line(), e.source(), "unsupported shell syntax: " + e.message() + " (the docs test reads "
                            + "simple commands, NAME=value, NAME=(...), $NAME, ${NAME}, \"${NAME[@]}\"; move the rest "
                            + "to a text block)");
                    if (SERVE.matcher(e.source()).find()) {
                        refusedServe = e.line();
                    }
                    if (e.assigns() != null) {
                        vars.setUnusable(e.assigns(), List.of("$" + e.assigns()), "its assignment at line " + e.line()
                                + " is not supported");
                    }
                    continue;
                }
                if (item instanceof Assignment a) {
                    assign(a);
                    continue;
                }
                Command c = (Command) item;
                List<ExpectedOutput.Line> expected = new ArrayList<>();
                // a trailing comment is an expected output only when it looks like one (JSON or a status line);
                // otherwise it is a note on the command ("# the API on http://..."), as a reader takes it
                if (c.trailingComment() != null && ExpectedOutput.looksLikeOutput(c.trailingComment())) {
                    expected.add(new ExpectedOutput.Line(c.line(), c.trailingComment()));
                }
                while (i + 1 < items.size() && items.get(i + 1) instanceof Comment comment) {
                    expected.add(new ExpectedOutput.Line(comment.line(), comment.text()));
                    i++;
                }
                command(c, expected);
            }
        }

        private void assign(Assignment a) {
            if (!a.array()) {
                Variables.Expansion value = vars.value(a.values().get(0));
                if (value.undefined().isEmpty()) {
                    vars.set(a.name(), value.words().get(0));
                } else {
                    vars.setUnusable(a.name(), value.words(), "its assignment at line " + a.line() + " uses "
                            + String.join(", ", value.undefined().stream().map(vars::whyUndefined).toList()));
                }
                return;
            }
            Variables.Expansion elements = vars.expand(a.values());
            if (elements.undefined().isEmpty()) {
                vars.setArray(a.name(), elements.words());
            } else {
                vars.setUnusable(a.name(), elements.words(), "its assignment at line " + a.line() + " uses "
                        + String.join(", ", elements.undefined().stream().map(vars::whyUndefined).toList()));
            }
        }

        private void command(Command c, List<ExpectedOutput.Line> expectedLines) {
            ExpectedOutput expected = null;
            boolean expectationProblem = false;
            if (!expectedLines.isEmpty()) {
                try {
                    expected = ExpectedOutput.parse(expectedLines);
                } catch (ExpectedOutput.Problem p) {
                    fail(c.line(), c.source(), (p.line == c.line() ? "" : "line " + p.line + ": ") + p.getMessage());
                    expectationProblem = true;
                }
            }
            int env = 0;
            while (env < c.words().size() && ENV_WORD.matcher(c.words().get(env).leadingLiteral()).matches()) {
                env++;
            }
            List<Word> commandWords = c.words().subList(env, c.words().size());
            Variables.Expansion expansion = vars.expand(commandWords);
            List<String> argv = expansion.words();
            if (argv.isEmpty()) {
                fail(c.line(), c.source(), "the command expands to nothing");
                return;
            }
            String undefined = expansion.undefined().isEmpty() ? null
                    : String.join("; ", expansion.undefined().stream().map(vars::whyUndefined).toList());
            if (env == 0 && argv.get(0).equals("curl")) {
                api++;
                curl(c, argv, expected, expectationProblem, undefined);
                return;
            }
            List<String> cliArgs;
            try {
                cliArgs = env == 0 ? CliRunner.cliArguments(argv) : null;
            } catch (CliRunner.Refused e) {
                cliCount++;
                fail(c.line(), c.source(), e.getMessage());
                return;
            }
            if (cliArgs != null) {
                cli(c, cliArgs, expected, expectedLines, undefined);
                return;
            }
            String what;
            try {
                what = parsedCommands.check(argv, env > 0);
            } catch (ParsedCommands.Refused e) {
                parsed++;
                fail(c.line(), c.source(), e.getMessage());
                return;
            }
            if (what == null) {
                fail(c.line(), c.source(), "unknown command in a doc block: " + argv.get(0) + " (add it to the harness "
                        + "or move it to a text block)");
                return;
            }
            parsed++;
            if (what.equals("export")) {
                for (String arg : argv.subList(1, argv.size())) {
                    int eq = arg.indexOf('=');
                    if (eq > 0) {
                        vars.set(arg.substring(0, eq), arg.substring(eq + 1));
                    }
                }
            }
            notRun(c, expected, expectedLines, what);
        }

        /** A valid expected output after a command that is not run is a failure: nothing could check it. */
        private void notRun(Command c, ExpectedOutput expected, List<ExpectedOutput.Line> expectedLines, String what) {
            if (expected != null) {
                fail(c.line(), c.source(), "an expected output after a command the docs test does not run (" + what
                        + "), so nothing checks it: # " + expectedLines.get(0).text() + " (show it in the markdown "
                        + "instead, e.g. a text block)");
            }
        }

        private void curl(Command c, List<String> argv, ExpectedOutput expected, boolean expectationProblem,
                          String undefined) {
            if (undefined != null) {
                fail(c.line(), c.source(), "not run: " + undefined);
                return;
            }
            CurlInterpreter.Request request;
            try {
                request = CurlInterpreter.parse(argv.subList(1, argv.size()));
            } catch (CurlInterpreter.Refused e) {
                fail(c.line(), c.source(), e.getMessage());
                return;
            }
            String url = request.url().toString();
            if (!CliRunner.isLocal(url, origin)) {
                fail(c.line(), c.source(), "curl " + url + ": only the local serve (" + origin + ") is run by the docs "
                        + "test");
                return;
            }
            LocalRuntime runtime = runtime(c);
            if (runtime == null) {
                return;
            }
            request = request.withUrl(URI.create(runtimeOrigin(runtime) + url.substring(origin.length())));
            CurlInterpreter.Response response;
            try {
                response = curl.send(request);
            } catch (IOException e) {
                fail(c.line(), c.source(), "no answer from the runtime: " + e);
                return;
            }
            String actual = response.status() + " " + ExpectedOutput.abbreviate(response.body());
            if (expected == null) {
                if (!expectationProblem) {
                    fail(c.line(), c.source(), "no expected output: every curl needs one (# {json}, or # HTTP <status> "
                            + "with curl -i)\nactual: " + actual);
                } else {
                    amendLast("\nactual: " + actual);
                }
                return;
            }
            List<String> problems = new ArrayList<>();
            if (expected.status() != null && !request.include()) {
                problems.add("# HTTP " + expected.status() + " needs curl -i (without -i curl prints only the body)");
            }
            if (expected.status() == null && request.include()) {
                problems.add("curl -i prints the status line and headers first: start the expected output with "
                        + "# HTTP <status>");
            }
            problems.addAll(expected.status() != null || expected.json() == null
                    ? expected.differencesFromHttp(response.status(), response.headers(), response.body())
                    : expected.differencesFromOutput(response.body()));
            if (!problems.isEmpty()) {
                fail(c.line(), c.source(), "expected: " + describe(expected) + "\nactual:   " + actual
                        + (expected.headers().isEmpty() ? "" : "\n          headers " + response.headers())
                        + "\n- " + String.join("\n- ", problems) + (refusedServe == 0 ? "" : "\nnote: the serve at line "
                        + refusedServe + " was refused, so this ran against `" + spec + "`"));
            }
        }

        private void cli(Command c, List<String> args, ExpectedOutput expected, List<ExpectedOutput.Line> expectedLines,
                         String undefined) {
            CliRunner.Outcome outcome;
            try {
                String localOrigin = origin;
                outcome = cli.run(args, origin,
                        u -> runtimeOrigin(runtimeOrThrow(c)) + u.substring(localOrigin.length()), undefined);
            } catch (CliRunner.Refused e) {
                cliCount++;
                fail(c.line(), c.source(), e.getMessage());
                if (!args.isEmpty() && args.get(0).equals("serve")) {
                    refusedServe = c.line();
                }
                return;
            }
            if (outcome instanceof CliRunner.ParsedOnly p) {
                parsed++;
                notRun(c, expected, expectedLines, p.why());
                return;
            }
            cliCount++;
            if (outcome instanceof CliRunner.Serve serve) {
                refusedServe = 0;
                spec = serve.spec();
                origin = serve.origin();
                notRun(c, expected, expectedLines, "serve: the test serves it in-process instead");
                runtime(c);
                return;
            }
            CliRunner.Ran ran = (CliRunner.Ran) outcome;
            if (ran.exit() != 0) {
                fail(c.line(), c.source(), ran.subcommand() + " exited with " + ran.exit() + "\nstderr: "
                        + ExpectedOutput.abbreviate(ran.err()) + "\noutput: " + ExpectedOutput.abbreviate(ran.output()));
                return;
            }
            if (expected != null) {
                List<String> problems = new ArrayList<>();
                if (expected.status() != null) {
                    problems.add("# HTTP " + expected.status() + " after a CLI command, which prints no HTTP status");
                } else {
                    problems.addAll(expected.differencesFromOutput(ran.output()));
                }
                if (!problems.isEmpty()) {
                    fail(c.line(), c.source(), "expected: " + describe(expected) + "\nactual:   "
                            + ExpectedOutput.abbreviate(ran.output()) + "\n- " + String.join("\n- ", problems));
                }
            }
        }

        /** The selected runtime, emptied if this is the file's first use of it; null (and a failure) if it broke. */
        private LocalRuntime runtime(Command c) {
            try {
                return runtimeOrThrow(c);
            } catch (IllegalStateException e) {
                fail(c.line(), c.source(), e.getMessage());
                return null;
            }
        }

        /** As {@link #runtime}, throwing with the reason when the runtime cannot start (or could not before). */
        private LocalRuntime runtimeOrThrow(Command c) {
            String why = broken.get(spec);
            if (why != null) {
                throw new IllegalStateException("no runtime to run it against: " + why);
            }
            LocalRuntime runtime;
            try {
                runtime = DocRuntimes.get(spec);
            } catch (RuntimeException e) {
                String message = "`" + spec + "` could not start (line " + c.line() + "): " + e.getMessage();
                broken.put(spec, message);
                throw new IllegalStateException(message, e);
            }
            if (emptied.add(spec)) {
                DocRuntimes.empty(runtime);
            }
            return runtime;
        }

        /** Adds text to the last failure (the one just reported for this command). */
        private void amendLast(String extra) {
            Failure last = failures.remove(failures.size() - 1);
            failures.add(new Failure(last.file(), last.line(), last.command(), last.message() + extra));
        }

        private void fail(int line, String command, String message) {
            failures.add(new Failure(file, line, command, message));
        }
    }

    private static String runtimeOrigin(LocalRuntime runtime) {
        URI base = runtime.baseUrl();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private static String describe(ExpectedOutput expected) {
        StringBuilder s = new StringBuilder();
        if (expected.status() != null) {
            s.append(expected.status());
            expected.headers().forEach(h -> s.append(" [").append(h.name()).append(": ").append(h.value()).append(']'));
        }
        if (expected.json() != null) {
            s.append(s.length() == 0 ? "" : " ").append(expected.json());
        }
        return s.toString();
    }
}
