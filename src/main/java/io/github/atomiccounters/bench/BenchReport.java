package io.github.atomiccounters.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results of one bench run: the table, the JSON document and the chart. */
final class BenchReport {
    /** The target: the product keeps at least this share of the floor's throughput at every concurrency. */
    static final double RATIO_TARGET = 0.7;

    private final List<LoadStep.Result[]> rows;  // [floor, product] per concurrency
    private final double startupSeconds;
    private final double startupJvmUptimeSeconds;
    private final double rssAfterStartMiB;
    private final double rssMaxDuringSweepMiB;
    private final double rssPeakMiB;
    private final double childrenRssMiB;
    private final boolean auth;
    private final boolean sharedCounter;
    private final boolean external;
    private final String warmup;
    private final String duration;

    BenchReport(List<LoadStep.Result[]> rows, double startupSeconds, double startupJvmUptimeSeconds,
                double rssAfterStartMiB, double rssMaxDuringSweepMiB, double rssPeakMiB, double childrenRssMiB, boolean auth,
                boolean sharedCounter, boolean external, String warmup, String duration) {
        this.rows = rows;
        this.startupSeconds = startupSeconds;
        this.startupJvmUptimeSeconds = startupJvmUptimeSeconds;
        this.rssAfterStartMiB = rssAfterStartMiB;
        this.rssMaxDuringSweepMiB = rssMaxDuringSweepMiB;
        this.rssPeakMiB = rssPeakMiB;
        this.childrenRssMiB = childrenRssMiB;
        this.auth = auth;
        this.sharedCounter = sharedCounter;
        this.external = external;
        this.warmup = warmup;
        this.duration = duration;
    }

    static double ratio(LoadStep.Result floor, LoadStep.Result product) {
        return floor.requestsPerSecond() == 0 ? 0 : product.requestsPerSecond() / floor.requestsPerSecond();
    }

    void printTable(PrintStream out) {
        out.println();
        out.printf("%4s | %11s | %13s | %7s | %-24s | %-24s | %-17s | %s%n", "C", "floor req/s", "product req/s",
                "ratio", "floor p50/p99/max ms", "product p50/p99/max ms", "CPU us/req f / p", "errors f/p");
        out.println("-".repeat(4) + "-+-" + "-".repeat(11) + "-+-" + "-".repeat(13) + "-+-" + "-".repeat(7) + "-+-"
                + "-".repeat(24) + "-+-" + "-".repeat(24) + "-+-" + "-".repeat(17) + "-+-" + "-".repeat(10));
        for (LoadStep.Result[] r : rows) {
            out.printf("%4d | %11.0f | %13.0f | %7.2f | %-24s | %-24s | %-17s | %d/%d%n", r[0].concurrency(),
                    r[0].requestsPerSecond(), r[1].requestsPerSecond(), ratio(r[0], r[1]), latencies(r[0]),
                    latencies(r[1]), String.format("%.0f / %.0f", r[0].cpuMicrosPerRequest(),
                            r[1].cpuMicrosPerRequest()), r[0].errors(), r[1].errors());
        }
        out.println();
        double worst = rows.stream().mapToDouble(r -> ratio(r[0], r[1])).min().orElse(0);
        out.printf("product/floor: worst %.2f (target >= %.2f: %s)%n", worst, RATIO_TARGET,
                worst >= RATIO_TARGET ? "met" : "MISSED");
        if (!external) {
            out.printf("start-up: %.2f s from LocalRuntime.start to the first answered request (JVM uptime then %.2f s)%n",
                    startupSeconds, startupJvmUptimeSeconds);
        }
        out.printf("resident memory of this process: %.0f MiB after start-up%s, max %.0f MiB during the sweep, "
                        + "peak (VmHWM) %.0f MiB%n", rssAfterStartMiB, external ? "" : " (runtime only)",
                rssMaxDuringSweepMiB, rssPeakMiB);
        if (childrenRssMiB > 0) {
            out.printf("child processes (jsii's node runtime, kept by the in-process synthesis): %.0f MiB resident%n",
                    childrenRssMiB);
        }
    }

    private static String latencies(LoadStep.Result r) {
        return String.format("%.2f / %.2f / %.1f", r.p50Ms(), r.p99Ms(), r.maxMs());
    }

    Map<String, Object> asMap() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", Map.of("warmup", warmup, "duration", duration, "auth", auth,
                "sharedCounter", sharedCounter, "externalProduct", external));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (LoadStep.Result[] r : rows) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("concurrency", r[0].concurrency());
            step.put("floor", r[0]);
            step.put("product", r[1]);
            step.put("ratio", ratio(r[0], r[1]));
            steps.add(step);
        }
        doc.put("steps", steps);
        if (!external) {
            doc.put("startup", Map.of("secondsFromStartToFirstAnswer", startupSeconds,
                    "jvmUptimeAtFirstAnswerSeconds", startupJvmUptimeSeconds));
        }
        doc.put("memory", Map.of("rssAfterStartMiB", rssAfterStartMiB, "rssMaxDuringSweepMiB", rssMaxDuringSweepMiB,
                "rssPeakMiB", rssPeakMiB, "childProcessesRssMiB", childrenRssMiB));
        return doc;
    }

    void writeChart(Path file) throws IOException {
        List<Double> c = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> product = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> target = new ArrayList<>();
        for (LoadStep.Result[] r : rows) {
            c.add(Math.log(r[0].concurrency()) / Math.log(2));  // log2 scale, labelled back as C below
            floor.add(r[0].requestsPerSecond());
            product.add(r[1].requestsPerSecond());
            ratio.add(ratio(r[0], r[1]));
            target.add(RATIO_TARGET);
        }
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title("POST /counters/{name}/increment: local runtime vs bare DynamoDB Local")
                .xAxisTitle("concurrent clients (log scale)").yAxisTitle("requests/s").build();
        Styler s = chart.getStyler();
        chart.setCustomXAxisTickLabelsFormatter(x -> Long.toString(Math.round(Math.pow(2, x))));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0, 0.0);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, 1.2);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        s.setChartBackgroundColor(Color.WHITE);
        chart.setYAxisGroupTitle(0, "requests/s");
        chart.setYAxisGroupTitle(1, "product / floor");
        XYSeries f = chart.addSeries("floor: DynamoDB Local, raw UpdateItem (req/s)", c, floor);
        f.setMarker(SeriesMarkers.CIRCLE);
        XYSeries p = chart.addSeries("product: local runtime, POST increment (req/s)", c, product);
        p.setMarker(SeriesMarkers.DIAMOND);
        XYSeries r = chart.addSeries("ratio product/floor (right axis)", c, ratio);
        r.setYAxisGroup(1);
        r.setMarker(SeriesMarkers.SQUARE);
        r.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        XYSeries t = chart.addSeries("target ratio " + RATIO_TARGET, c, target);
        t.setYAxisGroup(1);
        t.setMarker(SeriesMarkers.NONE);
        t.setLineColor(Color.GRAY);
        t.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        // saveBitmap appends ".png" when the name lacks it
    }
}
