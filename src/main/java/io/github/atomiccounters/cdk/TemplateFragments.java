package io.github.atomiccounters.cdk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composes a mapping template from shared fragments at synthesis time. API Gateway runs no {@code #parse} or
 * {@code #include}, so a block that several templates need lives once under {@code velocity-templates/fragments/}
 * and is copied into each template by a marker line, which is a VTL comment (an engine that ever saw one
 * unexpanded would ignore it, never run half a template):
 *
 * <ul>
 *   <li>{@code ##@include fragments/amount.vtl field=by default=1}: the line becomes the fragment's lines, with
 *       each {@code @{field}} in the fragment replaced by its value. A value is a word, or a {@code "quoted"} text
 *       without quotes inside.</li>
 *   <li>{@code ##@wrap fragments/idempotent-update.vtl} ... {@code ##@end}: the fragment's lines, with its one
 *       {@code ##@body} line replaced by the lines between the two markers (which may include and wrap in turn).</li>
 * </ul>
 *
 * <p>Fragments may include fragments. An unknown fragment, an include cycle, a parameter the fragment needs and is
 * not given (or is given and does not use), an unknown {@code ##@} marker and an unbalanced wrap are refused with
 * the file and line. Expansion is a pure function of the texts, so synthesis stays deterministic; each marker line
 * becomes a plain comment naming the fragment, so the deployed text says where each part comes from.
 */
public final class TemplateFragments {

    /** The marker that copies a fragment in place of its line. */
    public static final String INCLUDE = "##@include";
    /** The marker that opens a block wrapped by a fragment; {@link #END} closes it. */
    public static final String WRAP = "##@wrap";
    /** The marker that closes a {@link #WRAP} block. */
    public static final String END = "##@end";
    /** The line of a wrapping fragment where the wrapped block goes. */
    public static final String BODY = "##@body";

    private static final Pattern MARKER = Pattern.compile("^\\s*##@(\\S*)(.*)$");
    private static final Pattern FRAGMENT_PATH = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.vtl");
    private static final Pattern ARGUMENT = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)=(\"[^\"]*\"|[^\\s\"]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("@\\{([A-Za-z][A-Za-z0-9]*)}");

    private TemplateFragments() {
    }

    /**
     * A composed template: its text, and for each of its lines the file and line it comes from.
     *
     * @param text    the expanded template, as deployed
     * @param origins for line {@code i + 1} of the text, {@code file:line} of the source line it was copied from
     */
    public record Expansion(String text, List<String> origins) {
        /**
         * Where a line of the expanded text comes from.
         *
         * @param line a line number of {@link #text()}, from 1
         * @return {@code file:line}, e.g. {@code fragments/amount.vtl:7}
         * @throws IndexOutOfBoundsException when the text has no such line
         */
        public String origin(int line) {
            return origins.get(line - 1);
        }
    }

    /**
     * Expands every marker of {@code source}.
     *
     * @param name      the template's name in messages and origins, e.g. {@code request/increment.vtl}
     * @param source    the template as written
     * @param fragments a fragment's text by its path below {@code velocity-templates/} (e.g.
     *                  {@code fragments/amount.vtl}), or null when there is no such fragment
     * @return the composed template
     * @throws IllegalArgumentException on an unknown fragment or marker, a cycle, a missing or unused parameter, or an
     *                                  unbalanced wrap, naming the file and line
     */
    public static Expansion expand(String name, String source, Function<String, String> fragments) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fragments, "fragments");
        Deque<String> chain = new ArrayDeque<>();
        chain.push(name);
        List<Line> lines = new Expander(fragments, chain).expand(name, lines(name, source), null);
        StringBuilder text = new StringBuilder(source.length() * 2);
        List<String> origins = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i).text());
            if (i < lines.size() - 1 || source.endsWith("\n")) {
                text.append('\n');
            }
            origins.add(lines.get(i).origin());
        }
        return new Expansion(text.toString(), Collections.unmodifiableList(origins));
    }

    /**
     * The fragments a template names directly (not those they name in turn).
     *
     * @param source a template as written
     * @return the fragment paths of its {@code ##@include} and {@code ##@wrap} lines, in order, without repeats
     */
    public static Set<String> includedBy(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : source.split("\n", -1)) {
            Matcher m = MARKER.matcher(line);
            if (m.matches() && (m.group(1).equals("include") || m.group(1).equals("wrap"))) {
                names.add(m.group(2).strip().split("\\s+", 2)[0]);
            }
        }
        return names;
    }

    private record Line(String text, String origin) {
    }

    private static List<Line> lines(String file, String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] parts = body.split("\n", -1);
        List<Line> lines = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            lines.add(new Line(parts[i], file + ":" + (i + 1)));
        }
        return lines;
    }

    private static final class Expander {
        private final Function<String, String> fragments;
        private final Deque<String> chain;

        Expander(Function<String, String> fragments, Deque<String> chain) {
            this.fragments = fragments;
            this.chain = chain;
        }

        /** Expands {@code lines} of {@code file}; {@code body} is the wrapped block when {@code file} wraps one. */
        List<Line> expand(String file, List<Line> lines, List<Line> body) {
            List<Line> out = new ArrayList<>(lines.size() * 2);
            boolean bodyPlaced = false;
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                Matcher m = MARKER.matcher(line.text());
                if (!m.matches()) {
                    out.add(line);
                    continue;
                }
                String marker = "##@" + m.group(1);
                String rest = m.group(2);
                switch (marker) {
                    case INCLUDE -> {
                        Call call = call(line, rest);
                        out.add(new Line("## >> " + call.fragment() + call.arguments(), line.origin()));
                        out.addAll(fragment(line, call, null));
                    }
                    case WRAP -> {
                        Call call = call(line, rest);
                        int end = matchingEnd(lines, i);
                        List<Line> wrapped = expand(file, lines.subList(i + 1, end), null);
                        out.add(new Line("## >> " + call.fragment() + call.arguments() + " (wrapping)",
                                line.origin()));
                        out.addAll(fragment(line, call, wrapped));
                        out.add(new Line("## << " + call.fragment(), lines.get(end).origin()));
                        i = end;
                    }
                    case BODY -> {
                        if (body == null) {
                            throw error(line, BODY + " belongs in a fragment used with " + WRAP);
                        }
                        if (bodyPlaced) {
                            throw error(line, "a second " + BODY + " line: a wrapping fragment has exactly one");
                        }
                        out.addAll(body);
                        bodyPlaced = true;
                    }
                    case END -> throw error(line, END + " without " + WRAP);
                    default -> throw error(line, "unknown marker " + marker + " (known: " + INCLUDE + ", " + WRAP
                            + ", " + END + ", " + BODY + ")");
                }
            }
            if (body != null && !bodyPlaced) {
                throw new IllegalArgumentException(file + ": has no " + BODY + " line, so it cannot be used with "
                        + WRAP);
            }
            return out;
        }

        private List<Line> fragment(Line at, Call call, List<Line> body) {
            if (chain.contains(call.fragment())) {
                List<String> cycle = new ArrayList<>(chain);
                Collections.reverse(cycle);
                cycle.add(call.fragment());
                throw error(at, "include cycle: " + String.join(" -> ", cycle));
            }
            String text = fragments.apply(call.fragment());
            if (text == null) {
                throw error(at, "unknown fragment " + call.fragment());
            }
            String substituted = substitute(at, call, text);
            chain.push(call.fragment());
            try {
                return expand(call.fragment(), lines(call.fragment(), substituted), body);
            } finally {
                chain.pop();
            }
        }

        private static String substitute(Line at, Call call, String text) {
            Set<String> used = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            while (m.find()) {
                String value = call.parameters().get(m.group(1));
                if (value == null) {
                    throw error(at, call.fragment() + " needs parameter " + m.group(1) + " (given: "
                            + call.parameters().keySet() + ")");
                }
                used.add(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            for (String given : call.parameters().keySet()) {
                if (!used.contains(given)) {
                    throw error(at, call.fragment() + " has no parameter " + given);
                }
            }
            return out.toString();
        }

        private static int matchingEnd(List<Line> lines, int wrapAt) {
            int depth = 0;
            for (int j = wrapAt; j < lines.size(); j++) {
                Matcher m = MARKER.matcher(lines.get(j).text());
                if (!m.matches()) {
                    continue;
                }
                String marker = "##@" + m.group(1);
                if (marker.equals(WRAP)) {
                    depth++;
                } else if (marker.equals(END) && --depth == 0) {
                    return j;
                }
            }
            throw error(lines.get(wrapAt), WRAP + " without " + END);
        }

        private static Call call(Line at, String rest) {
            String trimmed = rest.strip();
            int space = trimmed.indexOf(' ');
            String fragment = space < 0 ? trimmed : trimmed.substring(0, space);
            if (!FRAGMENT_PATH.matcher(fragment).matches()) {
                throw error(at, "expected a fragment path such as fragments/amount.vtl, found '" + fragment + "'");
            }
            String arguments = space < 0 ? "" : trimmed.substring(space);
            Map<String, String> parameters = new LinkedHashMap<>();
            Matcher m = ARGUMENT.matcher(arguments);
            int position = 0;
            while (position < arguments.length() && m.find(position) && m.start() == position) {
                String value = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1)
                        : m.group(2);
                if (parameters.put(m.group(1), value) != null) {
                    throw error(at, "parameter " + m.group(1) + " given twice");
                }
                position = m.end();
            }
            if (!arguments.substring(position).isBlank()) {
                throw error(at, "expected name=value parameters, found '" + arguments.substring(position).strip()
                        + "'");
            }
            return new Call(fragment, Collections.unmodifiableMap(parameters), arguments.stripTrailing());
        }

        private static IllegalArgumentException error(Line at, String message) {
            return new IllegalArgumentException(at.origin() + ": " + message);
        }
    }

    private record Call(String fragment, Map<String, String> parameters, String arguments) {
    }
}
