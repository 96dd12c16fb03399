package io.github.atomiccounters.apimodel;

/** A CloudFormation template could not be read into the model; the message names the place in the template. */
public class TemplateException extends RuntimeException {
    private final String path;

    public TemplateException(String path, String message) {
        super(path == null || path.isEmpty() ? message : message + " (at " + path + ")");
        this.path = path;
    }

    /** JSON-pointer-like location in the template, e.g. {@code /Resources/Api/Properties/Name}. */
    public String path() {
        return path;
    }
}
