package io.github.atomiccounters.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a markdown file, in order, with the info string's first word ({@code sh}, {@code text},
 * {@code json}, ..., empty when none) and the number of the block's first content line in the file.
 *
 * <p>Fences as CommonMark reads them: three or more backticks or tildes, indented or not (a block inside a list
 * item is indented); the closing fence is the same character, at least as long, with nothing after it. The
 * opening fence's indentation is removed from the content lines. An unclosed block runs to the end of the file.
 */
final class MarkdownBlocks {
    private static final Pattern OPEN = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([^`\\s]*).*$");

    /** A fenced block: its info word, the file line of its first content line (1-based), its content lines. */
    record Block(String info, int firstLine, List<String> lines) {
        String text() {
            return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
        }
    }

    private MarkdownBlocks() {
    }

    static List<Block> of(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            Matcher open = OPEN.matcher(lines[i]);
            if (!open.matches()) {
                i++;
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            String info = open.group(3);
            Pattern close = Pattern.compile("^ *" + Pattern.quote(String.valueOf(fence.charAt(0))) + "{"
                    + fence.length() + ",}\\s*$");
            List<String> content = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length && !close.matcher(lines[j]).matches()) {
                content.add(unindent(lines[j], indent));
                j++;
            }
            blocks.add(new Block(info, i + 2, List.copyOf(content)));
            i = j + 1;
        }
        return blocks;
    }

    private static String unindent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }
}
