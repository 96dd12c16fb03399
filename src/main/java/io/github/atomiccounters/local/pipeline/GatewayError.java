package io.github.atomiccounters.local.pipeline;

/**
 * Thrown by a pipeline stage when API Gateway itself would answer (no integration call): it becomes a gateway
 * response. {@code validationErrorString} feeds {@code $context.error.validationErrorString}.
 */
public final class GatewayError extends RuntimeException {
    private final GatewayErrorType type;
    private final String validationErrorString;

    public GatewayError(GatewayErrorType type, String message) {
        this(type, message, null);
    }

    public GatewayError(GatewayErrorType type, String message, String validationErrorString) {
        super(message == null ? type.defaultMessage() : message, null, false, false);
        this.type = type;
        this.validationErrorString = validationErrorString;
    }

    public GatewayErrorType type() {
        return type;
    }

    public String validationErrorString() {
        return validationErrorString;
    }
}
