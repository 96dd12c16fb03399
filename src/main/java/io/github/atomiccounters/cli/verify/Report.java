package io.github.atomiccounters.cli.verify;

import io.github.atomiccounters.client.CounterApiException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Runs checks and prints one line per check: PASS or FAIL, what was expected and what was received. */
public final class Report {
    /** A check: returns what it received when that is what the contract says, throws {@link Mismatch} if not. */
    @FunctionalInterface
    interface Check {
        String run() throws Exception;
    }

    private final PrintWriter out;
    private int passed;
    private int failed;
    private int skipped;

    public Report(PrintWriter out) {
        this.out = out;
    }

    /** Runs one check; any exception is a failure that names what came back instead. */
    boolean check(String title, String expected, Check check) {
        String received;
        boolean ok;
        try {
            received = check.run();
            ok = true;
        } catch (Mismatch m) {
            received = m.getMessage();
            ok = false;
        } catch (CounterApiException e) {
            received = describe(e);
            ok = false;
        } catch (UncheckedIOException e) {
            received = "no answer (" + e.getCause() + ")";
            ok = false;
        } catch (Exception e) {
            received = e.toString();
            ok = false;
        }
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        out.printf("%s  %s: expected %s; got %s%n", ok ? "PASS" : "FAIL", title, expected, received);
        out.flush();
        return ok;
    }

    /** A check that does not apply to this deployment (e.g. auth checks with {@code --auth none}). */
    void skip(String title, String why) {
        skipped++;
        out.printf("SKIP  %s: %s%n", title, why);
        out.flush();
    }

    /** A line that is not a check. */
    void note(String line) {
        out.println(line);
        out.flush();
    }

    /** An error answer in one line: status, code and message. */
    static String describe(CounterApiException e) {
        return e.getMessage();
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }
}
