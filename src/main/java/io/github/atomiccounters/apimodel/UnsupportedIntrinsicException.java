package io.github.atomiccounters.apimodel;

/** An intrinsic function the local resolver does not know (or cannot evaluate locally). */
public class UnsupportedIntrinsicException extends TemplateException {
    private final String intrinsic;

    public UnsupportedIntrinsicException(String intrinsic, String path) {
        super(path, "Unsupported intrinsic function '" + intrinsic + "'");
        this.intrinsic = intrinsic;
    }

    public String intrinsic() {
        return intrinsic;
    }
}
