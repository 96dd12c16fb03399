package io.github.atomiccounters.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the bench command's option values: the concurrency sweep and durations such as {@code 10s}. */
public final class BenchArgs {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private BenchArgs() {
    }

    /**
     * A concurrency sweep: comma-separated positive integers, run in the order given, e.g. {@code 1,4,16,64}.
     *
     * @throws IllegalArgumentException on an empty list, a non-number, a value below 1 or above 4096, or a duplicate
     */
    public static List<Integer> parseSweep(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the concurrency sweep is empty; expected e.g. 1,4,16,64");
        }
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int c;
            try {
                c = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("concurrency '" + p + "' is not a whole number (in '" + text + "')");
            }
            if (c < 1 || c > 4096) {
                throw new IllegalArgumentException("concurrency " + c + " is out of range 1..4096");
            }
            if (out.contains(c)) {
                throw new IllegalArgumentException("concurrency " + c + " appears twice in '" + text + "'");
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    /** A duration: a number with unit {@code ms}, {@code s} (the default) or {@code m}: {@code 500ms}, {@code 10s}, {@code 1.5m}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 500ms, 10s or 1m");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            default -> value * 60_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
