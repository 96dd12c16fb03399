package io.github.atomiccounters.bench;

import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.cdk.CounterStack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Table;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthesis time of the project's app against a one-resource CDK Java app (an App, a Stack, one DynamoDB Table,
 * with the same cdk.json context), each synthesized in-process the same way in a fresh JVM, so JVM and jsii
 * (node) start-up count for both. Rounds alternate the variants so that machine drift hits all of them.
 *
 * <pre>
 * java -cp target/classes:$(cat target/cp.txt) io.github.atomiccounters.bench.SynthBench [--runs 3] [--no-nag]
 * </pre>
 * Run from the project directory (cdk.json). {@code --no-nag} adds the project's app without cdk-nag.
 */
public final class SynthBench {
    private static final String CHILD = "--child";
    private static final String RESULT = "synth-bench-result ";

    private SynthBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHILD)) {
            child(args[1]);
            System.exit(0);  // jsii's node child and non-daemon threads
        }
        int runs = 3;
        boolean noNag = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--no-nag" -> noNag = true;
                default -> {
                    System.err.println("usage: SynthBench [--runs N] [--no-nag]");
                    System.exit(2);
                }
            }
        }
        List<String> variants = new ArrayList<>(List.of("product", "one-resource"));
        if (noNag) {
            variants.add("product-no-nag");
        }
        // one discarded run first: the first JVM of a session pays for cold disk caches (jsii's bundled JS)
        double[] discarded = runChild("product");
        System.out.printf("[synth] warm-up run (discarded): product %.2f s wall%n", discarded[0]);
        Map<String, List<double[]>> times = new LinkedHashMap<>();  // variant -> [wall s, in-JVM synth s]
        variants.forEach(v -> times.put(v, new ArrayList<>()));
        for (int round = 1; round <= runs; round++) {
            List<String> order = new ArrayList<>(variants);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String v : order) {
                double[] t = runChild(v);
                times.get(v).add(t);
                System.out.printf("[synth] round %d %-15s %6.2f s wall (JVM start to exit), in-JVM %5.2f s = "
                                + "new App %5.2f + constructs %5.2f + synth() %5.2f (%d resources)%n",
                        round, v, t[0], t[1], t[2], t[3], t[4], (int) t[5]);
            }
        }
        System.out.println();
        System.out.printf("%-15s | %-28s | %-28s | %s%n", "app", "median wall s (runs)", "median in-JVM s (runs)",
                "median new App / constructs / synth() s");
        Map<String, Double> wall = new LinkedHashMap<>();
        Map<String, Double> synth = new LinkedHashMap<>();
        for (String v : variants) {
            double[] w = times.get(v).stream().mapToDouble(t -> t[0]).toArray();
            double[] s = times.get(v).stream().mapToDouble(t -> t[1]).toArray();
            wall.put(v, median(w));
            synth.put(v, median(s));
            System.out.printf("%-15s | %6.2f %-21s | %6.2f %-21s | %.2f / %.2f / %.2f%n", v, median(w), fmt(w),
                    median(s), fmt(s), median(column(times.get(v), 2)), median(column(times.get(v), 3)),
                    median(column(times.get(v), 4)));
        }
        double ratio = wall.get("product") / wall.get("one-resource");
        System.out.printf("%nproduct / one-resource (median wall): %.2f (target <= 1.15: %s); in-JVM synthesis only: %.2f%n",
                ratio, ratio <= 1.15 ? "met" : "MISSED", synth.get("product") / synth.get("one-resource"));
        if (noNag) {
            System.out.printf("product with cdk-nag / without (median wall): %.2f%n",
                    wall.get("product") / wall.get("product-no-nag"));
        }
    }

    /** Median of a small sample (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format("%.1f", v[i]));
        }
        return sb.append(')').toString();
    }

    private static double[] runChild(String variant) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), SynthBench.class.getName(),
                CHILD, variant);
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(new File(".")).redirectErrorStream(true).start();
        double synthSeconds = -1;
        double[] phases = new double[4];
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    String[] f = line.substring(RESULT.length()).trim().split(" ");
                    synthSeconds = Double.parseDouble(f[0]);
                    phases = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4])};
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        int code = p.waitFor();
        double wall = (System.nanoTime() - started) / 1e9;
        if (code != 0 || synthSeconds < 0) {
            throw new IllegalStateException(variant + " synthesis failed (exit " + code + "):\n" + output);
        }
        return new double[] {wall, synthSeconds, phases[0], phases[1], phases[2], phases[3]};
    }

    /**
     * One synthesis in this JVM, as {@link CounterApp#synthesizeTemplate} does it, timed in phases: the App
     * (jsii's node runtime starts and loads aws-cdk-lib here), the constructs (and cdk-nag's aspect), synth().
     */
    private static void child(String variant) {
        Map<String, Object> context = new LinkedHashMap<>(CounterApp.readContext(Path.of("cdk.json")));
        long started = System.nanoTime();
        App app = new App(AppProps.builder().context(context).build());
        long appReady = System.nanoTime();
        Stack stack = switch (variant) {
            case "product" -> CounterApp.addStack(app);
            case "product-no-nag" -> new CounterStack(app, CounterApp.DEFAULT_STACK_NAME, StackProps.builder()
                    .description("Atomic counters over HTTP: API Gateway -> DynamoDB, no Lambda").build());
            case "one-resource" -> {
                Stack one = new Stack(app, "OneTable");
                Table.Builder.create(one, "Table")
                        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                        .build();
                yield one;
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
        long constructed = System.nanoTime();
        Map<String, Object> template = template(app, stack);
        long done = System.nanoTime();
        if (template == null || !template.containsKey("Resources")) {
            throw new IllegalStateException("no template");
        }
        System.out.println(RESULT + String.format(java.util.Locale.ROOT, "%.3f %.3f %.3f %.3f %d",
                (done - started) / 1e9, (appReady - started) / 1e9, (constructed - appReady) / 1e9,
                (done - constructed) / 1e9, ((Map<?, ?>) template.get("Resources")).size()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> template(App app, Stack stack) {
        return (Map<String, Object>) app.synth().getStackByName(stack.getStackName()).getTemplate();
    }
}
