package io.github.atomiccounters.vtl;

/**
 * A failure that API Gateway reports to the client instead of a rendered template, e.g. a malformed JSON body read
 * through {@code $input.path}/{@code $input.json} (400, with json-smart's parse message) or any other runtime error
 * in the template (500).
 */
public class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public MappingException(int status, String message) {
        super(message);
        this.status = status;
    }

    public MappingException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status API Gateway answers with. */
    public int status() {
        return status;
    }
}
