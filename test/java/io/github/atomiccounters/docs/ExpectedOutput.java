package io.github.atomiccounters.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's expected output, read from the comment lines right after it (or its trailing comment):
 * <pre>
 * # HTTP 409                      optional: the status (curl -i only)
 * # Retry-After: *                optional, after the status: a header, "*" for any value
 * # {"error": "LimitExceeded"}    the output as JSON (it may continue on the next comment lines)
 * </pre>
 * Anything else there is prose where an expected output goes, which is an error: prose belongs in the markdown.
 */
record ExpectedOutput(int line, Integer status, List<Header> headers, JsonNode json) {

    /** Whether a comment's text reads as an expected output (JSON, or an HTTP status line) rather than a note. */
    static boolean looksLikeOutput(String text) {
        String t = text.strip();
        return t.startsWith("{") || t.startsWith("[") || t.matches("HTTP(/\\d(\\.\\d)?)? \\d{3}.*");
    }

    private static final Pattern STATUS = Pattern.compile("HTTP(?:/[0-9.]+)? ([1-5][0-9]{2})");
    private static final Pattern HEADER = Pattern.compile("([A-Za-z0-9!#$%&'*+.^_`|~-]+): ?(.*)");

    /** A comment line of a block: its file line and its text after {@code #} and one blank. */
    record Line(int line, String text) {
    }

    /** An expected header: the value is compared exactly, or {@code *} for any value. */
    record Header(String name, String value) {
    }

    /** A problem with a doc line: where, and what. */
    static final class Problem extends Exception {
        final int line;

        Problem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** The expected output of the comment lines (at least one) after a command. */
    static ExpectedOutput parse(List<Line> lines) throws Problem {
        int i = 0;
        Integer status = null;
        List<Header> headers = new ArrayList<>();
        Matcher m = STATUS.matcher(lines.get(0).text());
        if (m.matches()) {
            status = Integer.valueOf(m.group(1));
            i++;
            while (i < lines.size() && !isJsonStart(lines.get(i).text())) {
                Matcher h = HEADER.matcher(lines.get(i).text());
                if (!h.matches()) {
                    break;
                }
                headers.add(new Header(h.group(1), h.group(2).strip()));
                i++;
            }
        }
        if (i == lines.size()) {
            return new ExpectedOutput(lines.get(0).line(), status, List.copyOf(headers), null);
        }
        Line first = lines.get(i);
        if (!isJsonStart(first.text())) {
            throw new Problem(first.line(), "prose where an expected output goes: \"# " + first.text()
                    + "\" (expected outputs are # {json}, # [json], # HTTP <status>; prose goes in the markdown)");
        }
        StringBuilder text = new StringBuilder();
        for (int j = i; j < lines.size(); j++) {
            text.append(lines.get(j).text()).append('\n');
        }
        try {
            JsonNode json = JsonMatch.parse(text.toString());
            return new ExpectedOutput(lines.get(0).line(), status, List.copyOf(headers), json);
        } catch (JsonProcessingException e) {
            throw new Problem(first.line(), "the expected output is not one JSON document: # " + String.join(" / # ",
                    lines.subList(i, lines.size()).stream().map(Line::text).toList()) + "\n(" + firstLine(
                    e.getOriginalMessage()) + "; prose goes in the markdown, \"*\" stands for a value that varies)");
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static boolean isJsonStart(String text) {
        return text.startsWith("{") || text.startsWith("[");
    }

    /**
     * What differs between this expectation and an HTTP answer: the status and headers when the expectation names
     * a status, the body as JSON when it has one, else an empty body. {@code headers}: names in any case.
     */
    List<String> differencesFromHttp(int actualStatus, Map<String, List<String>> actualHeaders, String body) {
        List<String> out = new ArrayList<>();
        if (status != null && status != actualStatus) {
            out.add("status: expected " + status + ", got " + actualStatus);
        }
        for (Header h : headers) {
            String actual = actualHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(h.name()))
                    .map(e -> String.join(", ", e.getValue())).findFirst().orElse(null);
            if (actual == null) {
                out.add("header " + h.name() + ": missing (expected " + h.value() + ")");
            } else if (!JsonMatch.ANY.equals(h.value()) && !h.value().equals(actual)) {
                out.add("header " + h.name() + ": expected " + h.value() + ", got " + actual);
            }
        }
        if (json == null) {
            if (!body.isEmpty()) {
                out.add("body: expected none, got " + abbreviate(body));
            }
        } else {
            out.addAll(differencesFromOutput(body));
        }
        return out;
    }

    /** What differs between the expected JSON and an output (a body, or what a CLI command printed). */
    List<String> differencesFromOutput(String output) {
        JsonNode actual = JsonMatch.tryParse(output);
        if (actual == null) {
            return List.of("expected JSON " + json + ", got output that is not JSON: " + abbreviate(output));
        }
        return JsonMatch.differences(json, actual);
    }

    static String abbreviate(String text) {
        String oneLine = text.strip().replace("\n", "\\n");
        return oneLine.isEmpty() ? "(nothing)" : oneLine.length() <= 400 ? oneLine
                : oneLine.substring(0, 400) + "... (" + text.length() + " characters)";
    }
}
