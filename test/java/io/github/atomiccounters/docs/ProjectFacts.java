package io.github.atomiccounters.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parsed-only commands are checked against, read from the project itself so that it cannot drift:
 * the CDK CLI version {@code .ci/run} pins, and the context keys the app reads.
 *
 * <p>The context keys are collected from the sources: every {@code context("key", ...)} and
 * {@code number("key", ...)} in {@code CounterStack.java} and every {@code tryGetContext("key")} in
 * {@code CounterApp.java} ({@code stackName}). {@code CounterStack.CONTEXT_KEYS}, a hand-kept list, is checked
 * against these by ProjectFactsTest.
 */
record ProjectFacts(String cdkCliVersion, Set<String> contextKeys) {
    private static final Path CI_RUN = Path.of(".ci", "run");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "github", "atomiccounters", "cdk");
    private static final Pattern PIN = Pattern.compile("aws-cdk@([0-9][0-9A-Za-z.+-]*)");
    private static final Pattern STACK_KEY = Pattern.compile("\\b(?:context|number)\\(\\s*\"([^\"]+)\"");
    private static final Pattern APP_KEY = Pattern.compile("\\btryGetContext\\(\\s*\"([^\"]+)\"");

    /** The facts of the project in the working directory. */
    static ProjectFacts project() {
        return new ProjectFacts(pinnedCdkCli(read(CI_RUN)),
                contextKeys(read(SOURCES.resolve("CounterStack.java")), read(SOURCES.resolve("CounterApp.java"))));
    }

    /** The one CDK CLI version a CI script pins ({@code npx ... aws-cdk@VERSION}). */
    static String pinnedCdkCli(String script) {
        Set<String> versions = new TreeSet<>();
        Matcher m = PIN.matcher(script);
        while (m.find()) {
            versions.add(m.group(1));
        }
        if (versions.size() != 1) {
            throw new IllegalStateException(".ci/run should pin exactly one aws-cdk CLI version, found " + versions);
        }
        return versions.iterator().next();
    }

    /** The context keys read by the stack's {@code context(...)}/{@code number(...)} and the app's tryGetContext. */
    static Set<String> contextKeys(String stackSource, String appSource) {
        Set<String> keys = new TreeSet<>();
        Matcher m = STACK_KEY.matcher(stackSource);
        while (m.find()) {
            keys.add(m.group(1));
        }
        m = APP_KEY.matcher(appSource);
        while (m.find()) {
            keys.add(m.group(1));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no context keys found in CounterStack.java / CounterApp.java");
        }
        return Set.copyOf(keys);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
