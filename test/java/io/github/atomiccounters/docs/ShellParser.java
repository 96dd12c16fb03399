package io.github.atomiccounters.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text of an {@code sh} block into items: commands (words made of literal and variable parts, and a
 * trailing comment), variable assignments ({@code NAME=value}, {@code NAME=(...)}), comment lines and blank lines,
 * each with the file line it starts on.
 *
 * <p>The shell it reads is the small part of bash the docs use: words separated by blanks; single quotes (literal);
 * double quotes ({@code \"}, {@code \\}, {@code \$}, {@code \`} escapes, variables expanded); a backslash outside
 * quotes escapes the next character; a backslash before a newline joins the next line (a logical line); a newline
 * inside quotes or inside an array's parentheses continues the command; {@code #} at the start of a word begins a
 * comment; {@code $NAME}, {@code ${NAME}}, {@code ${NAME[@]}} and {@code ${NAME[*]}} are variables. Everything else
 * that changes what runs ({@code $(...)}, backquotes, {@code |}, {@code &&}, {@code ;}, {@code &}, redirections,
 * subshells, other {@code ${...}} forms) is refused with an {@link Error} item naming it; parsing resumes at the
 * next logical line.
 */
final class ShellParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=.*", Pattern.DOTALL);

    /** A piece of a word: literal text (quoted or not) or a variable. */
    sealed interface Part permits Lit, Var {
    }

    /** Literal text; {@code quoted} when it came from quotes or a backslash escape (never split, never a glob). */
    record Lit(String text, boolean quoted) implements Part {
    }

    /** A variable: {@code all} for {@code ${NAME[@]}} (one word per element), {@code star} for {@code ${NAME[*]}}. */
    record Var(String name, boolean all, boolean star, boolean quoted) implements Part {
    }

    /** A word as written: its parts, and the source text for messages. */
    record Word(List<Part> parts, String source) {
        /** The unquoted literal text the word starts with ("" when it starts otherwise). */
        String leadingLiteral() {
            return !parts.isEmpty() && parts.get(0) instanceof Lit l && !l.quoted() ? l.text() : "";
        }
    }

    /** An item of a block; {@code line} is the file line it starts on. */
    sealed interface Item permits Command, Assignment, Comment, Blank, Error {
        int line();
    }

    /**
     * A command: its words (leading {@code NAME=value} words included: the environment of the command), its
     * trailing comment's text (after {@code #} and one blank; null when none), its source as written.
     */
    record Command(int line, List<Word> words, String trailingComment, String source) implements Item {
    }

    /**
     * {@code NAME=value} (one value word, never split) or {@code NAME=(w1 w2 ...)} (an array); several on a line
     * are several items. {@code trailingComment} as for commands.
     */
    record Assignment(int line, String name, List<Word> values, boolean array, String trailingComment,
                      String source) implements Item {
    }

    /** A line that is only a comment: its text after {@code #} and one blank. */
    record Comment(int line, String text) implements Item {
    }

    record Blank(int line) implements Item {
    }

    /**
     * A logical line this parser refuses (unsupported syntax, unterminated quote); {@code assigns} names the
     * variable it tried to assign, if it was an assignment (so later uses can say why the variable is missing).
     */
    record Error(int line, String message, String source, String assigns) implements Item {
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private int pos;
    private int line;

    private ShellParser(String text, int firstLine) {
        this.text = text;
        this.line = firstLine;
    }

    /** The items of a block's text whose first line is file line {@code firstLine}. */
    static List<Item> parse(String blockText, int firstLine) {
        return new ShellParser(blockText, firstLine).items();
    }

    private List<Item> items() {
        List<Item> items = new ArrayList<>();
        while (pos < text.length()) {
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                items.add(new Blank(line));
                newline();
            } else if (c == '#') {
                items.add(new Comment(line, commentToEndOfLine()));
            } else {
                int startPos = pos;
                int startLine = line;
                try {
                    items.addAll(command(startLine, startPos));
                } catch (Refused e) {
                    String source = skipLogicalLine(startPos, startLine);
                    java.util.regex.Matcher m = ASSIGNMENT.matcher(source);
                    items.add(new Error(startLine, e.getMessage(), oneLine(source), m.matches() ? m.group(1) : null));
                }
            }
        }
        return items;
    }

    /** One command line (possibly several assignments, or a command with its environment). */
    private List<Item> command(int startLine, int startPos) {
        List<Word> words = new ArrayList<>();
        List<Item> arrays = new ArrayList<>();
        String trailing = null;
        int end;
        while (true) {
            skipBlanks();
            end = pos;
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
                break;
            }
            if (c == '#') {
                trailing = commentToEndOfLine();
                break;
            }
            Object word = word(false);
            if (word instanceof Word w) {
                words.add(w);
            } else {
                arrays.add((Item) word);
                words.add(null);  // placeholder: the array assignment's position
            }
        }
        String source = oneLine(text.substring(startPos, end));
        return classify(startLine, words, arrays, trailing, source);
    }

    private List<Item> classify(int startLine, List<Word> words, List<Item> arrays, String trailing, String source) {
        int assignments = 0;
        while (assignments < words.size() && (words.get(assignments) == null
                || ASSIGNMENT.matcher(words.get(assignments).leadingLiteral()).matches())) {
            assignments++;
        }
        if (assignments < words.size()) {
            if (arrays.size() > 0) {
                throw new Refused("an array assignment before a command");
            }
            return List.of(new Command(startLine, List.copyOf(words), trailing, source));
        }
        List<Item> items = new ArrayList<>();
        int array = 0;
        for (Word w : words) {
            if (w == null) {
                Assignment a = (Assignment) arrays.get(array++);
                items.add(new Assignment(startLine, a.name(), a.values(), true, trailing, source));
                continue;
            }
            Lit first = (Lit) w.parts().get(0);
            int eq = first.text().indexOf('=');
            String name = first.text().substring(0, eq);
            List<Part> rest = new ArrayList<>();
            if (eq + 1 < first.text().length()) {
                rest.add(new Lit(first.text().substring(eq + 1), false));
            }
            rest.addAll(w.parts().subList(1, w.parts().size()));
            items.add(new Assignment(startLine, name, List.of(new Word(rest, w.source())), false, trailing, source));
        }
        return items;
    }

    /** A word, or an array assignment item when the word is {@code NAME=(...)}. */
    private Object word(boolean inArray) {
        int start = pos;
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || (inArray && c == ')')) {
                break;
            }
            if (c == '\\') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    pos++;
                    newline();
                    continue;
                }
                flush(literal, parts);
                if (pos + 1 < text.length()) {
                    parts.add(new Lit(String.valueOf(text.charAt(pos + 1)), true));
                    pos += 2;
                } else {
                    pos++;
                }
                continue;
            }
            if (c == '\'') {
                flush(literal, parts);
                pos++;
                int end = text.indexOf('\'', pos);
                if (end < 0) {
                    throw new Refused("an unterminated single quote");
                }
                String quoted = text.substring(pos, end);
                line += (int) quoted.chars().filter(ch -> ch == '\n').count();
                parts.add(new Lit(quoted, true));
                pos = end + 1;
                continue;
            }
            if (c == '"') {
                flush(literal, parts);
                pos++;
                doubleQuoted(parts);
                continue;
            }
            if (c == '$') {
                Part v = dollar(false);
                if (v == null) {
                    literal.append('$');
                } else {
                    flush(literal, parts);
                    parts.add(v);
                }
                continue;
            }
            if (c == '(' && !inArray && parts.isEmpty() && start == pos - literal.length()
                    && literal.length() > 1 && literal.charAt(literal.length() - 1) == '='
                    && NAME.matcher(literal.substring(0, literal.length() - 1)).matches()) {
                String name = literal.substring(0, literal.length() - 1);
                pos++;
                return array(name, start);
            }
            refuseOperator(c);
            literal.append(c);
            pos++;
        }
        flush(literal, parts);
        return new Word(List.copyOf(parts), text.substring(start, pos));
    }

    private Assignment array(String name, int start) {
        List<Word> values = new ArrayList<>();
        while (true) {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                    || text.charAt(pos) == '\n' || (text.charAt(pos) == '\\' && pos + 1 < text.length()
                    && text.charAt(pos + 1) == '\n'))) {
                if (text.charAt(pos) == '\\') {
                    pos++;
                }
                if (text.charAt(pos) == '\n') {
                    newline();
                } else {
                    pos++;
                }
            }
            if (pos >= text.length()) {
                throw new Refused("an array without its closing parenthesis");
            }
            char c = text.charAt(pos);
            if (c == ')') {
                pos++;
                break;
            }
            if (c == '#') {
                commentToEndOfLine();
                continue;
            }
            values.add((Word) word(true));
        }
        if (pos < text.length() && " \t\n#".indexOf(text.charAt(pos)) < 0) {
            throw new Refused("text right after an array's closing parenthesis");
        }
        return new Assignment(line, name, List.copyOf(values), true, null, text.substring(start, pos));
    }

    private void doubleQuoted(List<Part> parts) {
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new Refused("an unterminated double quote");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                if (next == '\n') {
                    pos++;
                    newline();
                    continue;
                }
                if ("$`\"\\".indexOf(next) >= 0) {
                    literal.append(next);
                    pos += 2;
                    continue;
                }
            }
            if (c == '`') {
                throw new Refused("command substitution with backquotes");
            }
            if (c == '$') {
                Part v = dollar(true);
                if (v == null) {
                    literal.append('$');
                } else {
                    flushQuoted(literal, parts);
                    parts.add(v);
                }
                continue;
            }
            if (c == '\n') {
                line++;
            }
            literal.append(c);
            pos++;
        }
        // "" is an empty word, not no word
        if (literal.length() > 0 || parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof Var)) {
            parts.add(new Lit(literal.toString(), true));
        }
    }

    /** At a '$': a variable part, or null for a literal '$'. */
    private Part dollar(boolean quoted) {
        int at = pos;
        pos++;
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            throw new Refused(text.startsWith("$((", at) ? "arithmetic expansion $((...))"
                    : "command substitution $(...)");
        }
        if (c == '{') {
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw new Refused("an unterminated ${");
            }
            String inner = text.substring(pos + 1, end);
            pos = end + 1;
            if (NAME.matcher(inner).matches()) {
                return new Var(inner, false, false, quoted);
            }
            if (inner.endsWith("[@]") && NAME.matcher(inner.substring(0, inner.length() - 3)).matches()) {
                return new Var(inner.substring(0, inner.length() - 3), true, false, quoted);
            }
            if (inner.endsWith("[*]") && NAME.matcher(inner.substring(0, inner.length() - 3)).matches()) {
                return new Var(inner.substring(0, inner.length() - 3), false, true, quoted);
            }
            throw new Refused("the expansion ${" + inner + "} (only ${NAME}, ${NAME[@]} and ${NAME[*]} are supported)");
        }
        if (Character.isLetter(c) || c == '_') {
            int end = pos;
            while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                end++;
            }
            String name = text.substring(pos, end);
            pos = end;
            return new Var(name, false, false, quoted);
        }
        if (Character.isDigit(c) || "@*#?$!-".indexOf(c) >= 0) {
            throw new Refused("the special parameter $" + c);
        }
        return null;
    }

    private void refuseOperator(char c) {
        String what = switch (c) {
            case '|' -> text.startsWith("||", pos) ? "'||'" : "a pipe '|'";
            case '&' -> text.startsWith("&&", pos) ? "'&&'" : "'&' (background)";
            case ';' -> "';'";
            case '<', '>' -> "a redirection '" + c + "'";
            case '`' -> "command substitution with backquotes";
            case '(', ')' -> "a subshell or parenthesis '" + c + "'";
            default -> null;
        };
        if (what != null) {
            throw new Refused(what);
        }
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Lit(literal.toString(), false));
            literal.setLength(0);
        }
    }

    private static void flushQuoted(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Lit(literal.toString(), true));
            literal.setLength(0);
        }
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
                newline();
            } else {
                break;
            }
        }
    }

    private void newline() {
        pos++;
        line++;
    }

    /** At a '#': the comment's text (one blank after '#' dropped), consuming the line and its newline. */
    private String commentToEndOfLine() {
        int end = text.indexOf('\n', pos);
        String comment = text.substring(pos + 1, end < 0 ? text.length() : end);
        pos = end < 0 ? text.length() : end;
        if (pos < text.length()) {
            newline();
        }
        comment = comment.startsWith(" ") ? comment.substring(1) : comment;
        return comment.stripTrailing();
    }

    /**
     * After a refusal: moves past the logical line that started at {@code startPos} (the first newline not
     * escaped by a backslash at or after the refusal) and returns its text.
     */
    private String skipLogicalLine(int startPos, int startLine) {
        int p = Math.max(pos, startPos);
        while (p < text.length()) {
            int nl = text.indexOf('\n', p);
            if (nl < 0) {
                p = text.length();
                break;
            }
            if (nl > 0 && text.charAt(nl - 1) == '\\') {
                p = nl + 1;
                continue;
            }
            p = nl + 1;
            break;
        }
        String source = text.substring(startPos, Math.min(p, text.length()));
        line = startLine + (int) source.chars().filter(ch -> ch == '\n').count();
        pos = p;
        return source.strip();
    }

    /** A command's source on one line: continuations joined, for messages. */
    static String oneLine(String source) {
        return source.replaceAll("[ \\t]*\\\\\\n\\s*", " ").strip();
    }
}
