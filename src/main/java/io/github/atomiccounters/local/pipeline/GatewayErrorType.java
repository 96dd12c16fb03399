package io.github.atomiccounters.local.pipeline;

/** API Gateway's own error responses (gateway response types) with their default status codes. */
public enum GatewayErrorType {
    ACCESS_DENIED(403, "User is not authorized to access this resource"),
    API_CONFIGURATION_ERROR(500, "Internal server error"),
    AUTHORIZER_FAILURE(500, "Internal server error"),
    BAD_REQUEST_PARAMETERS(400, "Missing required request parameters"),
    BAD_REQUEST_BODY(400, "Invalid request body"),
    EXPIRED_TOKEN(403, "Signature expired"),
    /** A malformed Authorization header: no gateway response type of its own, DEFAULT_4XX applies. */
    INCOMPLETE_SIGNATURE(403, "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'",
            "DEFAULT_4XX"),
    /** An unknown access key: no gateway response type of its own, DEFAULT_4XX applies. */
    UNRECOGNIZED_CLIENT(403, "The security token included in the request is invalid.", "DEFAULT_4XX"),
    INTEGRATION_FAILURE(504, "Internal server error"),
    INTEGRATION_TIMEOUT(504, "Endpoint request timed out"),
    INVALID_API_KEY(403, "Forbidden"),
    INVALID_SIGNATURE(403, "The request signature we calculated does not match the signature you provided."),
    MISSING_AUTHENTICATION_TOKEN(403, "Missing Authentication Token"),
    QUOTA_EXCEEDED(429, "Limit Exceeded"),
    REQUEST_TOO_LARGE(413, "Request Too Long"),
    RESOURCE_NOT_FOUND(404, "Not Found"),
    THROTTLED(429, "Too Many Requests"),
    UNAUTHORIZED(401, "Unauthorized"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type");

    private final int status;
    private final String defaultMessage;
    private final String responseType;

    GatewayErrorType(int status, String defaultMessage) {
        this(status, defaultMessage, null);
    }

    GatewayErrorType(int status, String defaultMessage, String responseType) {
        this.status = status;
        this.defaultMessage = defaultMessage;
        this.responseType = responseType == null ? name() : responseType;
    }

    /** The gateway response type that answers this error ({@code $context.error.responseType}). */
    public String responseType() {
        return responseType;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The DEFAULT_4XX / DEFAULT_5XX gateway response that applies when this type has none of its own. */
    public String defaultResponseType() {
        return status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
    }
}
