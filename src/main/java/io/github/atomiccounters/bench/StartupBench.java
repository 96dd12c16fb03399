package io.github.atomiccounters.bench;

import io.github.atomiccounters.local.LocalRuntime;
import io.github.atomiccounters.local.SynthesisCache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up of the local API, the two ways users wait for it, each in fresh JVMs:
 * <ul>
 *   <li><b>serve</b>: {@code serve --port 0 --no-auth --quiet} as a process of its own, first on an empty synthesis
 *       cache (cold: jsii and Node.js synthesize the app), then {@code --runs} times on the cache that run filled
 *       (warm). For each: the JVM's uptime when {@code serve} printed "ready" (the target: at most 3 s warm), the
 *       wall time from launching the process to its first answered request, and its resident memory then (the
 *       JVM, and jsii's node process on a cold cache);</li>
 *   <li><b>fixture</b>: what a JUnit test class pays to get a runtime of its own (as {@code testing.Runtimes.start}
 *       does it: the synthesis of its context, through the cache, to a template file, then
 *       {@link LocalRuntime#start} on a free port and a first request), {@code --classes} times in one fresh JVM:
 *       the first test class of a JVM pays the class loading (the target: at most 2 s), the next ones not.</li>
 * </ul>
 * <pre>
 * java -cp target/classes:$(cat target/cp.txt) io.github.atomiccounters.bench.StartupBench [--runs 5] [--classes 5]
 * </pre>
 * Run from the project directory (cdk.json). The cold run uses a cache directory of its own under target/, so the
 * project's cache is left as it was.
 */
public final class StartupBench {
    private static final String FIXTURE_CHILD = "--fixture-child";
    private static final String RESULT = "startup-bench-fixture ";
    private static final Pattern READY = Pattern.compile("ready in ([0-9.]+)s \\(JVM uptime ([0-9.]+)s\\)");
    private static final Pattern URL = Pattern.compile("^(http://[0-9.]+:[0-9]+/\\S+)$");

    private StartupBench() {
    }

    /** One serve start: JVM uptime at "ready", launch to first answer, resident memory of the JVM and its children. */
    record ServeStart(String cache, double jvmUptimeAtReady, double launchToFirstAnswer, double jvmRssMiB,
                      double childrenRssMiB, String cacheLine) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(FIXTURE_CHILD)) {
            fixtureChild(Integer.parseInt(args[1]));
            System.exit(0);  // DynamoDB Local's threads are not daemons
        }
        int runs = 5;
        int classes = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--classes" -> classes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: StartupBench [--runs N] [--classes N]");
                    System.exit(2);
                }
            }
        }
        Path cache = Path.of("target", "startup-bench-cache");
        deleteTree(cache);
        List<ServeStart> serve = new ArrayList<>();
        serve.add(serveOnce("cold", cache));
        for (int i = 0; i < runs; i++) {
            serve.add(serveOnce("warm", cache));
        }
        System.out.println();
        System.out.println("serve (a process of its own; JVM uptime when it printed ready; launch to first answer):");
        System.out.println("| cache | JVM uptime at ready s | launch to 1st answer s | JVM RSS MiB | children RSS MiB |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (ServeStart s : serve) {
            System.out.printf("| %s | %.2f | %.2f | %.0f | %.0f |%n", s.cache(), s.jvmUptimeAtReady(),
                    s.launchToFirstAnswer(), s.jvmRssMiB(), s.childrenRssMiB());
        }
        List<Double> warm = serve.stream().filter(s -> s.cache().equals("warm")).map(ServeStart::jvmUptimeAtReady)
                .sorted().toList();
        if (!warm.isEmpty()) {
            System.out.printf("[startup] serve, warm cache: JVM uptime at ready, median %.2f s (max %.2f s), "
                    + "target <= 3 s%n", warm.get(warm.size() / 2), warm.get(warm.size() - 1));
        }

        List<double[]> fixture = fixtureRun(classes, cache);
        System.out.println();
        System.out.println("JUnit fixture (a runtime of its own per test class, in one fresh JVM):");
        System.out.println("| test class | synthesis (cache) s | LocalRuntime.start s | first answer s | total s |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int i = 0; i < fixture.size(); i++) {
            double[] f = fixture.get(i);
            System.out.printf("| %d | %.2f | %.2f | %.3f | %.2f |%n", i + 1, f[0], f[1], f[2], f[0] + f[1] + f[2]);
        }
        if (!fixture.isEmpty()) {
            double[] first = fixture.get(0);
            System.out.printf("[startup] fixture: first test class of a JVM %.2f s, next ones median %.2f s, "
                            + "target <= 2 s%n", first[0] + first[1] + first[2],
                    fixture.stream().skip(1).mapToDouble(f -> f[0] + f[1] + f[2]).sorted()
                            .skip(Math.max(0, (fixture.size() - 1) / 2)).findFirst().orElse(Double.NaN));
        }
        System.out.printf("[startup] load average at the end: %s%n", loadAverage());
    }

    /** Starts serve in a fresh JVM, waits for its URL, sends one request, reads /proc, stops it. */
    private static ServeStart serveOnce(String label, Path cache) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-D" + SynthesisCache.DIR_PROPERTY + "=" + cache, "-cp",
                System.getProperty("java.class.path"), "io.github.atomiccounters.cli.Main", "serve", "--port", "0",
                "--no-auth", "--quiet"));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            double uptime = -1;
            String cacheLine = "";
            URI base = null;
            for (String line; base == null && (line = out.readLine()) != null; ) {
                if (line.startsWith("synthesis cache")) {
                    cacheLine = line;
                }
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    uptime = Double.parseDouble(ready.group(2));
                }
                Matcher url = URL.matcher(line.trim());
                if (url.matches()) {
                    base = URI.create(url.group(1));
                }
            }
            if (base == null) {
                throw new IllegalStateException("serve printed no URL (" + label + ")");
            }
            int status = firstAnswer(base);
            double toFirstAnswer = (System.nanoTime() - launched) / 1e9;
            if (status != 200) {
                throw new IllegalStateException("serve's first request answered " + status);
            }
            double rss = ProcStatus.of(Path.of("/proc", Long.toString(process.pid()), "status")).rssMiB();
            double children = process.descendants().mapToDouble(p -> Math.max(0,
                    ProcStatus.of(Path.of("/proc", Long.toString(p.pid()), "status")).rssMiB())).sum();
            System.out.printf("[startup] serve, %s cache: ready at JVM uptime %.2f s, first answer %.2f s after "
                    + "launch, RSS %.0f MiB + children %.0f MiB; %s%n", label, uptime, toFirstAnswer, rss, children,
                    cacheLine);
            return new ServeStart(label, uptime, toFirstAnswer, rss, children, cacheLine);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int firstAnswer(URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/counters/startup-probe/increment"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":1}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Runs {@link #fixtureChild} in a fresh JVM and reads its results. */
    private static List<double[]> fixtureRun(int classes, Path cache) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-D" + SynthesisCache.DIR_PROPERTY + "=" + cache, "-cp",
                System.getProperty("java.class.path"), StartupBench.class.getName(), FIXTURE_CHILD,
                Integer.toString(classes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<double[]> results = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith(RESULT)) {
                    String[] parts = line.substring(RESULT.length()).trim().split(" ");
                    results.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                            Double.parseDouble(parts[2])});
                }
            }
        }
        if (process.waitFor() != 0 || results.size() != classes) {
            throw new IllegalStateException("the fixture JVM failed:\n" + String.join("\n", output));
        }
        return results;
    }

    /**
     * In a fresh JVM: {@code classes} times what a test class does for a runtime of its own (synthesis through the
     * cache, template file, start, first request, close), each timed.
     */
    private static void fixtureChild(int classes) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Map<String, String> context = Map.of();  // cdk.json's, as the serve runs before left it in the cache
        for (int i = 0; i < classes; i++) {
            long t0 = System.nanoTime();
            SynthesisCache.Outcome synthesis = SynthesisCache.configured().synthesize(Path.of("cdk.json"), context);
            Path template = Files.createTempFile("startup-bench-", ".template.json");
            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(template.toFile(),
                    synthesis.synthesis().templateOrFail());
            long t1 = System.nanoTime();
            LocalRuntime.Options options = LocalRuntime.Options.defaults().withPort(0).withAuth(false)
                    .withLogRequests(false).withTemplate(template);
            try (LocalRuntime runtime = LocalRuntime.start(options, quiet, Clock.systemUTC())) {
                long t2 = System.nanoTime();
                int status = firstAnswer(runtime.baseUrl());
                long t3 = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("first request answered " + status);
                }
                System.out.printf("%s%.4f %.4f %.4f (cached %s, JVM uptime %.2f s)%n", RESULT, (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9, (t3 - t2) / 1e9, synthesis.cached(),
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
            } finally {
                Files.deleteIfExists(template);
            }
        }
    }

    /** The JVM options of this JVM that size it (heap, GC), passed on so the children run as configured. */
    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss")
                        || a.startsWith("-XX:"))
                .toList();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
