package io.github.atomiccounters.vtl;

/**
 * A template the engine refuses before rendering anything: a grammar error, an interpolated string literal that does
 * not parse, or a directive API Gateway does not offer ({@code #include}, {@code #parse}, {@code #evaluate}).
 */
public class TemplateSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param templateName the template's name as given to {@code compile}
     * @param line         1-based line of the error in the template, 0 when unknown
     * @param column       1-based column, 0 when unknown
     * @param detail       what is wrong: the engine's message, of which the first line is kept
     * @param cause        the engine's exception
     */
    public TemplateSyntaxException(String templateName, int line, int column, String detail, Throwable cause) {
        super("Syntax error in mapping template '" + templateName + "' at line " + line + ", column " + column + ": "
                + firstLine(detail), cause);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
        this.detail = firstLine(detail);
    }

    public String templateName() {
        return templateName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the template's name and position. */
    public String detail() {
        return detail;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
