package io.github.atomiccounters.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory from {@code /proc/<pid>/status} (Linux): VmRSS now, VmHWM the peak so far. */
public final class ProcStatus {
    private ProcStatus() {
    }

    /** Current and peak resident set of this process in MiB; -1 where /proc is not available. */
    public record Memory(double rssMiB, double peakMiB) {
    }

    public static Memory self() {
        return of(Path.of("/proc/self/status"));
    }

    public static Memory of(Path status) {
        try {
            String text = Files.readString(status);
            return new Memory(kib(text, "VmRSS") / 1024.0, kib(text, "VmHWM") / 1024.0);
        } catch (IOException | RuntimeException e) {
            return new Memory(-1, -1);
        }
    }

    /**
     * Resident memory of this process's child processes (jsii's node runtime when the app was synthesized
     * in-process), in MiB: they are part of what {@code serve} costs but not of the JVM's VmRSS. 0 when none.
     */
    public static double childrenRssMiB() {
        double sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                Path children = task.resolve("children");
                if (!Files.isReadable(children)) {
                    continue;
                }
                for (String pid : Files.readString(children).trim().split("\\s+")) {
                    if (!pid.isEmpty()) {
                        double rss = of(Path.of("/proc", pid, "status")).rssMiB();
                        sum += Math.max(0, rss);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return sum;
        }
        return sum;
    }

    /** The value of a {@code Key:   1234 kB} line, in KiB; -1 when the key is missing. */
    static long kib(String statusText, String key) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(key + ":")) {
                String v = line.substring(key.length() + 1).trim();
                int space = v.indexOf(' ');
                return Long.parseLong(space < 0 ? v : v.substring(0, space));
            }
        }
        return -1;
    }
}
