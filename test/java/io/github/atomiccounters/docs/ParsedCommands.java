package io.github.atomiccounters.docs;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commands a doc may show that the test recognises and checks but does not run: they need AWS, take minutes, or
 * change the reader's shell. Anything that is neither one of these, nor curl, nor the project's CLI is an unknown
 * command.
 *
 * <ul>
 *   <li>{@code npx [-y] aws-cdk@VERSION COMMAND [options]}: VERSION must be the one {@code .ci/run} pins, and every
 *       {@code -c key=value} / {@code --context key=value} must name a context key the app reads;</li>
 *   <li>{@code aws ...} (the AWS CLI);</li>
 *   <li>{@code mvn [-B] [-q] verify}, {@code mvn [-B] [-q] install -DskipTests}, {@code mvn [-B] [-q] compile} and
 *       {@code mvn [-B] [-q] dependency:build-classpath -Dmdep.outputFile=FILE};</li>
 *   <li>{@code scripts/NAME ...}: one of the project's scripts, which must exist;</li>
 *   <li>{@code NAME=value ... mvn ...} (e.g. {@code CDK_OUTDIR=target/cdk.out mvn -B -q compile exec:java});</li>
 *   <li>{@code cd DIR}, {@code export NAME=value} (which also sets the variable, as in bash),
 *       {@code git clone URL [DIR]}.</li>
 * </ul>
 */
final class ParsedCommands {
    private static final Set<String> MVN_FLAGS = Set.of("-B", "-q", "-e", "--batch-mode", "--quiet", "--errors");

    /** A recognised command that the docs test refuses (wrong pin, unknown context key, bad form). */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final ProjectFacts facts;

    ParsedCommands(ProjectFacts facts) {
        this.facts = facts;
    }

    /**
     * Checks a command that is parsed only; returns what it is (for the report) or null when it is not one of them.
     * {@code environment}: whether {@code NAME=value} words came before the command.
     */
    String check(List<String> words, boolean environment) throws Refused {
        String command = words.get(0);
        List<String> args = words.subList(1, words.size());
        if (environment) {
            return command.equals("mvn") ? "mvn with an environment" : null;
        }
        switch (command) {
            case "npx" -> {
                return npx(args);
            }
            case "aws" -> {
                if (args.isEmpty()) {
                    throw new Refused("aws without a command");
                }
                return "aws " + args.get(0);
            }
            case "mvn" -> {
                List<String> goals = args.stream().filter(a -> !MVN_FLAGS.contains(a)).toList();
                if (goals.equals(List.of("verify"))) {
                    return "mvn verify";
                }
                if (goals.equals(List.of("install", "-DskipTests"))) {
                    return "mvn install";
                }
                if (goals.equals(List.of("compile"))) {
                    return "mvn compile";
                }
                if (goals.size() == 2 && goals.get(0).equals("dependency:build-classpath")
                        && goals.get(1).startsWith("-Dmdep.outputFile=")) {
                    return "mvn dependency:build-classpath";
                }
                return null;
            }
            case "cd" -> {
                if (args.size() != 1) {
                    throw new Refused("cd takes one directory");
                }
                return "cd";
            }
            case "export" -> {
                if (args.isEmpty() || args.stream().anyMatch(a -> !a.matches("[A-Za-z_][A-Za-z0-9_]*(=.*)?"))) {
                    throw new Refused("export takes NAME=value words");
                }
                return "export";
            }
            case "git" -> {
                if (args.isEmpty() || !args.get(0).equals("clone") || args.size() < 2 || args.size() > 3) {
                    return null;
                }
                return "git clone";
            }
            default -> {
                if (command.startsWith("scripts/") && !command.contains("..")) {
                    if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(command))) {
                        throw new Refused("no such script: " + command);
                    }
                    return "script";
                }
                return null;
            }
        }
    }

    private String npx(List<String> args) throws Refused {
        int i = 0;
        while (i < args.size() && (args.get(i).equals("-y") || args.get(i).equals("--yes"))) {
            i++;
        }
        if (i >= args.size() || !args.get(i).startsWith("aws-cdk")) {
            return null;
        }
        String pkg = args.get(i);
        if (!pkg.startsWith("aws-cdk@")) {
            throw new Refused("npx " + pkg + ": the CDK CLI must be pinned as .ci/run pins it: npx aws-cdk@"
                    + facts.cdkCliVersion());
        }
        String version = pkg.substring("aws-cdk@".length());
        if (!version.equals(facts.cdkCliVersion())) {
            throw new Refused("npx aws-cdk@" + version + ": .ci/run pins the CDK CLI at " + facts.cdkCliVersion());
        }
        List<String> cdk = args.subList(i + 1, args.size());
        if (cdk.isEmpty() || cdk.get(0).startsWith("-")) {
            throw new Refused("npx aws-cdk@" + version + " without a CDK command (deploy, synth, ...)");
        }
        Set<String> unknown = new TreeSet<>();
        for (int j = 1; j < cdk.size(); j++) {
            String arg = cdk.get(j);
            String pair = null;
            if ((arg.equals("-c") || arg.equals("--context")) && j + 1 < cdk.size()) {
                pair = cdk.get(++j);
            } else if (arg.startsWith("--context=")) {
                pair = arg.substring("--context=".length());
            } else if (arg.equals("-c") || arg.equals("--context")) {
                throw new Refused(arg + " without key=value");
            }
            if (pair != null) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new Refused("-c " + pair + ": expected key=value");
                }
                String key = pair.substring(0, eq);
                if (!facts.contextKeys().contains(key)) {
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new Refused("-c " + String.join(", ", unknown) + ": not a context key the app reads (it reads "
                    + new TreeSet<>(facts.contextKeys()) + ")");
        }
        return "cdk " + cdk.get(0);
    }
}
