package io.github.atomiccounters.client;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The catalog of the API's error codes: every {@code "error"} value an answer can carry, with its HTTP status, what
 * it means, whether a retry can help, and the exception {@link CounterClient} throws for it. It is the one list the
 * rest is derived from or checked against: the client maps codes with it, and the project's tests require that the
 * error table of docs/http-api.md, the mapping templates, the gateway responses and the {@code verify} command name
 * no other code, status or exception.
 */
public enum ErrorCode {
    /** 400: the body fails the route's JSON Schema, is not JSON, or holds a value DynamoDB refuses. */
    BAD_REQUEST("BadRequest", List.of(400), "the body fails the route's JSON Schema, is malformed JSON, or holds a "
            + "number or name DynamoDB refuses", Retry.NEVER, BadRequestException.class, BadRequestException::new),
    /** 403: an unsigned request, or no route matches its method and path. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", List.of(403), "an unsigned request, or no route "
            + "matches its method and path", Retry.NEVER, AccessDeniedException.class, AccessDeniedException::new),
    /** 403: the SigV4 signature does not match the request. */
    INVALID_SIGNATURE("InvalidSignature", List.of(403), "the SigV4 signature does not match the request",
            Retry.NEVER, AccessDeniedException.class, AccessDeniedException::new),
    /** 403: the signature or the security token has expired. */
    EXPIRED_TOKEN("ExpiredToken", List.of(403), "the signature or the security token has expired", Retry.NEVER,
            AccessDeniedException.class, AccessDeniedException::new),
    /** 403: a missing or unknown API key (auth mode api-key). */
    INVALID_API_KEY("InvalidApiKey", List.of(403), "a missing or unknown API key (api-key mode)", Retry.NEVER,
            AccessDeniedException.class, AccessDeniedException::new),
    /** 403: the caller's IAM policy does not allow this route. */
    ACCESS_DENIED("AccessDenied", List.of(403), "the caller's IAM policy does not allow this route", Retry.NEVER,
            AccessDeniedException.class, AccessDeniedException::new),
    /** 403: an unknown access key, a malformed signature, or a request a web ACL blocked. */
    FORBIDDEN("Forbidden", List.of(403), "an unknown access key or a malformed signature, or a request a WAF web "
            + "ACL blocked", Retry.NEVER, AccessDeniedException.class, AccessDeniedException::new),
    /** 401: no valid Cognito ID token (auth mode cognito). */
    UNAUTHORIZED("Unauthorized", List.of(401), "no valid Cognito ID token (cognito mode)", Retry.NEVER,
            AccessDeniedException.class, AccessDeniedException::new),
    /** 404: the counter (or sharded counter) does not exist. */
    NOT_FOUND("NotFound", List.of(404), "the counter or sharded counter does not exist", Retry.NEVER,
            NotFoundException.class, NotFoundException::new),
    /** 409: a bound ({@code max}, {@code min}) or a full rate-limit window refused the update. */
    LIMIT_EXCEEDED("LimitExceeded", List.of(409), "a bound or a full rate-limit window refused the update (with "
            + "value; a window's limit and resetAt)", Retry.NEVER, LimitExceededException.class,
            LimitExceededException::new),
    /** 409: the counter does not hold the {@code expected} value. */
    EXPECTED_VALUE_MISMATCH("ExpectedValueMismatch", List.of(409), "the counter does not hold the expected value "
            + "(with value)", Retry.NEVER, ExpectedValueMismatchException.class, ExpectedValueMismatchException::new),
    /** 409: the Idempotency-Key was used with another request. */
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused", List.of(409), "the Idempotency-Key was used with another "
            + "request", Retry.NEVER, IdempotencyKeyReusedException.class, IdempotencyKeyReusedException::new),
    /** 409: another transaction held the counter; retry with the same key. */
    CONCURRENT_UPDATE("ConcurrentUpdate", List.of(409), "another transaction held the counter (Retry-After: 1)",
            Retry.IF_REPLAY_SAFE, ConcurrentUpdateException.class, ConcurrentUpdateException::new),
    /** 409: {@code next} with an Idempotency-Key on a sequence never set. */
    SEQUENCE_NOT_PREPARED("SequenceNotPrepared", List.of(409), "next with an Idempotency-Key on a sequence never "
            + "PUT (nothing reserved)", Retry.NEVER, SequenceNotPreparedException.class,
            SequenceNotPreparedException::new),
    /** 413: a body over API Gateway's 10 MB. */
    REQUEST_TOO_LARGE("RequestTooLarge", List.of(413), "a body over API Gateway's 10 MB", Retry.NEVER,
            RequestTooLargeException.class, RequestTooLargeException::new),
    /** 415: a body that is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", List.of(415), "a body that is not application/json",
            Retry.NEVER, UnsupportedMediaTypeException.class, UnsupportedMediaTypeException::new),
    /** 429: stage, usage-plan or DynamoDB throttling. */
    THROTTLED("Throttled", List.of(429), "stage or usage-plan throttling, or DynamoDB throttling (Retry-After: 1)",
            Retry.ALWAYS, ThrottledException.class, ThrottledException::new),
    /** 429: the API key's daily quota is used up. */
    QUOTA_EXCEEDED("QuotaExceeded", List.of(429), "the API key's daily quota is used up", Retry.ALWAYS,
            ThrottledException.class, ThrottledException::new),
    /** 429: the sequence's item holds no more Idempotency-Keys. */
    TOO_MANY_IDEMPOTENCY_KEYS("TooManyIdempotencyKeys", List.of(429), "next with an Idempotency-Key: the "
            + "sequence's item holds no more keys (Retry-After: until they are forgotten)", Retry.NEVER,
            TooManyIdempotencyKeysException.class, TooManyIdempotencyKeysException::new),
    /** 503 or 504: DynamoDB is unavailable, or API Gateway could not reach it. */
    SERVICE_UNAVAILABLE("ServiceUnavailable", List.of(503, 504), "DynamoDB internal errors (503), or API Gateway "
            + "could not reach DynamoDB (504); Retry-After: 1", Retry.IF_REPLAY_SAFE,
            ServiceUnavailableException.class, ServiceUnavailableException::new),
    /** 500: anything else on the server side. */
    INTERNAL_ERROR("InternalError", List.of(500), "anything else on the server side, with the request id only",
            Retry.NEVER, ServerErrorException.class, ServerErrorException::new);

    /** Whether a retry of the same call can get another answer. */
    public enum Retry {
        /** Nothing was applied: a retry is always safe. */
        ALWAYS,
        /** The call may or may not have been applied: retry only a call that can be replayed (a read, a delete, an
         * update with an Idempotency-Key). */
        IF_REPLAY_SAFE,
        /** A retry gets the same answer. */
        NEVER
    }

    private final String code;
    private final List<Integer> statuses;
    private final String meaning;
    private final Retry retry;
    private final Class<? extends CounterApiException> exception;
    private final Function<RawResponse, CounterApiException> factory;

    ErrorCode(String code, List<Integer> statuses, String meaning, Retry retry,
              Class<? extends CounterApiException> exception, Function<RawResponse, CounterApiException> factory) {
        this.code = code;
        this.statuses = statuses;
        this.meaning = meaning;
        this.retry = retry;
        this.exception = exception;
        this.factory = factory;
    }

    /**
     * The code as answers carry it in {@code "error"}.
     *
     * @return e.g. {@code LimitExceeded}
     */
    public String code() {
        return code;
    }

    /**
     * The HTTP statuses an answer with this code has.
     *
     * @return e.g. {@code [409]}; {@code [503, 504]} for {@code ServiceUnavailable}
     */
    public List<Integer> statuses() {
        return statuses;
    }

    /**
     * When the API answers with this code, in one line.
     *
     * @return the meaning
     */
    public String meaning() {
        return meaning;
    }

    /**
     * Whether retrying the call can help, as the client's retries decide it.
     *
     * @return the retry advice
     */
    public Retry retry() {
        return retry;
    }

    /**
     * The exception {@link CounterClient} throws for an answer with this code.
     *
     * @return e.g. {@code LimitExceededException.class}
     */
    public Class<? extends CounterApiException> exception() {
        return exception;
    }

    /** The exception for an answer with this code (may throw IllegalArgumentException on missing fields). */
    CounterApiException exceptionFor(RawResponse response) {
        return factory.apply(response);
    }

    /**
     * The catalog entry of a code.
     *
     * @param code the {@code "error"} value of an answer, e.g. {@code NotFound}
     * @return its entry; empty for a code this catalog does not know
     */
    public static Optional<ErrorCode> of(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
