package io.github.atomiccounters.client;

/**
 * 401 or 403: the caller was not authenticated or not allowed. {@link #errorCode()} says which:
 * {@code MissingAuthenticationToken} (unsigned request, or no such route or method), {@code InvalidSignature},
 * {@code ExpiredToken} (SigV4 with a clock more than 5 minutes off, or expired session credentials),
 * {@code InvalidApiKey}, {@code Forbidden} (e.g. an unknown access key), {@code AccessDenied} (an IAM policy
 * denies it), {@code Unauthorized} (Cognito without a valid token, 401). Never retried.
 */
public class AccessDeniedException extends CounterApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for this answer.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public AccessDeniedException(RawResponse response) {
        super(response);
    }
}
