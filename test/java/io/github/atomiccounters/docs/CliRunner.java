package io.github.atomiccounters.docs;

import io.github.atomiccounters.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The project's command line as the docs launch it:
 * {@code mvn [-q] [-B] [-e] compile exec:java -Dexec.args="ARGS"} (ARGS split as exec-maven-plugin splits them:
 * plexus-utils' {@code translateCommandline}, blanks outside quotes, single and double quotes grouping, no escapes)
 * or {@code java -cp CLASSPATH [-D...|-X...] io.github.atomiccounters.cli.Main ARGS}.
 *
 * <p>The arguments are parsed by picocli with the real {@link Main} (so an option a subcommand does not have
 * fails), then:
 * <ul>
 *   <li>{@code serve}: not run; its options give the {@link DocRuntimes.Spec} of the runtime the following curl
 *       commands talk to, and {@code --host}/{@code --port} the origin their URLs use;</li>
 *   <li>{@code render}, {@code openapi}: run in this JVM, output captured ({@code openapi --output FILE} writes
 *       under {@code target/docs-test/} instead, and the file is the output);</li>
 *   <li>{@code verify}: run in this JVM when its {@code --endpoint} is the local serve (rewritten to the runtime's
 *       URL), else only parsed;</li>
 *   <li>anything else ({@code bench}): only parsed.</li>
 * </ul>
 * {@code -c key=value} of {@code serve} and {@code openapi} must be context keys the app reads.
 */
final class CliRunner {
    static final String MAIN = "io.github.atomiccounters.cli.Main";
    private static final Set<String> MVN_FLAGS = Set.of("-q", "-B", "-e", "--quiet", "--batch-mode", "--errors");
    private static final Path SCRATCH = Path.of("target", "docs-test");

    /** A refused CLI command line: bad launcher, unbalanced quotes, options picocli refuses. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** What a CLI command line came to. */
    sealed interface Outcome permits Serve, Ran, ParsedOnly, Planned {
    }

    /** {@code serve}: the runtime it selects, and the origin ({@code http://HOST:PORT}) its clients use. */
    record Serve(DocRuntimes.Spec spec, String origin) implements Outcome {
    }

    /** A command run in this JVM: its exit code, what it printed (or wrote with --output) and its stderr. */
    record Ran(String subcommand, int exit, String output, String err) implements Outcome {
    }

    /** Parsed (valid) but not run, and why. */
    record ParsedOnly(String why) implements Outcome {
    }

    private final Set<String> contextKeys;

    CliRunner(Set<String> contextKeys) {
        this.contextKeys = contextKeys;
    }

    /**
     * The CLI's arguments when {@code words} launch the CLI as the docs do, or null when they do not (another
     * command).
     */
    static List<String> cliArguments(List<String> words) throws Refused {
        if (words.isEmpty()) {
            return null;
        }
        if (words.get(0).equals("mvn")) {
            List<String> rest = new ArrayList<>(words.subList(1, words.size()));
            rest.removeIf(MVN_FLAGS::contains);
            if (rest.size() < 2 || !rest.get(0).equals("compile") || !rest.get(1).equals("exec:java")) {
                return null;
            }
            if (rest.size() == 2) {
                return List.of();
            }
            if (rest.size() == 3 && rest.get(2).startsWith("-Dexec.args=")) {
                return translateCommandline(rest.get(2).substring("-Dexec.args=".length()));
            }
            return null;  // -Dexec.mainClass=... and the like: not the CLI
        }
        if (words.get(0).equals("java")) {
            int i = 1;
            boolean classpath = false;
            while (i < words.size() && words.get(i).startsWith("-")) {
                String option = words.get(i);
                if (option.equals("-cp") || option.equals("-classpath") || option.equals("--class-path")) {
                    classpath = true;
                    i += 2;
                } else if (option.startsWith("-D") || option.startsWith("-X")) {
                    i++;
                } else {
                    return null;  // java -jar ... and the like: not the CLI as the docs launch it
                }
            }
            if (!classpath || i >= words.size() || !words.get(i).equals(MAIN)) {
                return null;
            }
            return List.copyOf(words.subList(i + 1, words.size()));
        }
        return null;
    }

    /**
     * exec-maven-plugin's splitting of {@code exec.args} (plexus-utils {@code CommandLineUtils.translateCommandline}):
     * tokens are separated by blanks outside quotes, quotes group and are removed, there are no escapes, an empty
     * quoted token is dropped, an unbalanced quote is an error.
     */
    static List<String> translateCommandline(String line) throws Refused {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ' ') {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new Refused("-Dexec.args has unbalanced quotes: " + line);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * Parses the CLI arguments and runs or selects as described above. {@code localOrigin} is the origin of the
     * current serve ({@code http://127.0.0.1:8080}); {@code runtimeBase} maps a local URL to the runtime's (it
     * throws IllegalStateException, with the reason, when no runtime is available). {@code cannotRun}: when not
     * null, why nothing may run or be served (e.g. an unset variable): a command that would is refused with it,
     * one that is only parsed is still parsed.
     */
    Outcome run(List<String> args, String localOrigin, UnaryOperator<String> runtimeBase, String cannotRun)
            throws Refused {
        Outcome outcome = decide(args, localOrigin);
        if (outcome instanceof ParsedOnly) {
            return outcome;
        }
        if (cannotRun != null) {
            throw new Refused("not run: " + cannotRun);
        }
        if (outcome instanceof Serve) {
            return outcome;
        }
        Planned planned = (Planned) outcome;
        List<String> runArgs = planned.args();
        if (planned.endpoint() != null) {
            try {
                runArgs = replaceOption(runArgs, "--endpoint", runtimeBase.apply(planned.endpoint()));
            } catch (IllegalStateException e) {
                throw new Refused(e.getMessage());
            }
        }
        return execute(planned.name(), runArgs, planned.writtenOutput());
    }

    /** A command to run in this JVM: its arguments, the local endpoint to rewrite (verify), the file it writes. */
    private record Planned(String name, List<String> args, String endpoint, Path writtenOutput) implements Outcome {
    }

    private Outcome decide(List<String> args, String localOrigin) throws Refused {
        ParseResult parsed;
        try {
            parsed = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new Refused("the CLI refuses these arguments: " + e.getMessage());
        }
        if (!parsed.hasSubcommand()) {
            return new Planned("atomic-counters", args, null, null);
        }
        ParseResult sub = parsed.subcommand();
        String name = sub.commandSpec().name();
        if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
            return new Planned(name, args, null, null);
        }
        switch (name) {
            case "serve" -> {
                Map<String, String> context = sub.matchedOptionValue("-c", Map.<String, String>of());
                checkContext("serve", context);
                boolean noAuth = sub.matchedOptionValue("--no-auth", false);
                String faults = sub.matchedOptionValue("--fault", (String) null);
                Path template = sub.matchedOptionValue("--template", (Path) null);
                String host = sub.matchedOptionValue("--host", "127.0.0.1");
                int port = sub.matchedOptionValue("--port", 8080);
                return new Serve(new DocRuntimes.Spec(context, !noAuth, faults, template), "http://" + host + ":"
                        + port);
            }
            case "render" -> {
                return new Planned(name, args, null, null);
            }
            case "openapi" -> {
                checkContext("openapi", sub.matchedOptionValue("-c", Map.<String, String>of()));
                Path output = sub.matchedOptionValue("--output", (Path) null);
                if (output == null) {
                    return new Planned(name, args, null, null);
                }
                Path scratch = SCRATCH.resolve(output.isAbsolute() ? Path.of(output.getFileName().toString()) : output);
                return new Planned(name, replaceOption(args, "--output", scratch.toString()), null, scratch);
            }
            case "verify" -> {
                URI endpoint = sub.matchedOptionValue("--endpoint", (URI) null);
                if (endpoint == null || !isLocal(endpoint.toString(), localOrigin)) {
                    return new ParsedOnly("verify against " + endpoint + ", which is not the local serve "
                            + localOrigin);
                }
                return new Planned(name, args, endpoint.toString(), null);
            }
            default -> {
                return new ParsedOnly(name + " is not run by the docs test");
            }
        }
    }

    private void checkContext(String command, Map<String, String> context) throws Refused {
        for (String key : context.keySet()) {
            if (!contextKeys.contains(key)) {
                throw new Refused(command + " -c " + key + "=...: the app reads no context key '" + key
                        + "' (it reads " + new java.util.TreeSet<>(contextKeys) + ")");
            }
        }
    }

    /** The arguments with the value of {@code option} (as {@code --option V} or {@code --option=V}) replaced. */
    static List<String> replaceOption(List<String> args, String option, String value) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals(option) && i + 1 < out.size()) {
                out.set(i + 1, value);
            } else if (out.get(i).startsWith(option + "=")) {
                out.set(i, option + "=" + value);
            }
        }
        return out;
    }

    private static Ran execute(String name, List<String> args, Path writtenOutput) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        String output = out.toString();
        if (writtenOutput != null && exit == 0) {
            try {
                output = Files.readString(writtenOutput);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Ran(name, exit, output, err.toString());
    }

    /** Whether a URL is on the given origin ({@code http://127.0.0.1:8080}). */
    static boolean isLocal(String url, String origin) {
        return url.equals(origin) || url.startsWith(origin + "/");
    }
}
