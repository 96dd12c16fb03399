package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * The API answered with an error. Every error of the API is JSON {@code {"error": Code, "message": text}};
 * {@link CounterClient} throws the subclass named after the code (e.g. {@link LimitExceededException}), or, for a
 * code this client does not know yet, the subclass for the status ({@link ConflictException} for a 409, ...), so
 * that new codes degrade gracefully. An answer that is not such JSON is an {@link UnexpectedResponseException}.
 *
 * <p>Unchecked, like the AWS SDK's exceptions. The whole answer stays available: {@link #response()}.
 */
public class CounterApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final transient RawResponse response;
    /** The JSON {@code error} code, or null when the answer has none. */
    private final String errorCode;
    /** The JSON {@code message}, or null when the answer has none. */
    private final String errorMessage;

    /**
     * An exception for this answer; the error code and message are read from its JSON body. Its message is the
     * status, code and message, or the status and the start of the body when the body is not such JSON.
     *
     * @param response the error answer, kept as {@link #response()}
     */
    public CounterApiException(RawResponse response) {
        this(response, response.json().orElse(null));
    }

    private CounterApiException(RawResponse response, JsonNode json) {
        super(describe(response, json));
        this.response = response;
        this.errorCode = json == null ? null : Json.text(json, "error").orElse(null);
        this.errorMessage = json == null ? null : Json.text(json, "message").orElse(null);
    }

    private static String describe(RawResponse response, JsonNode json) {
        Optional<String> code = json == null ? Optional.empty() : Json.text(json, "error");
        Optional<String> message = json == null ? Optional.empty() : Json.text(json, "message");
        if (code.isPresent() || message.isPresent()) {
            return response.statusCode() + " " + code.orElse("(no error code)") + ": " + message.orElse("");
        }
        String body = response.body();
        return response.statusCode() + " "
                + (body.length() > MAX_BODY_IN_MESSAGE ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body);
    }

    /**
     * The exception {@link CounterClient} throws for this error answer (e.g. one got from
     * {@link CounterClient#send}): by its JSON {@code error} code, else by its status, else
     * {@link UnexpectedResponseException}.
     *
     * @param response an error answer (not 2xx)
     * @return the exception, to throw or inspect; an {@link UnexpectedResponseException} when the body is not a
     *         JSON object, or names a code whose fields it lacks (a {@code LimitExceeded} without {@code value})
     */
    public static CounterApiException from(RawResponse response) {
        return ErrorMapper.map(response);
    }

    /**
     * The HTTP status of the answer.
     *
     * @return e.g. 409
     */
    public int statusCode() {
        return response.statusCode();
    }

    /**
     * The JSON {@code error} code, which names the subclass (the code {@code LimitExceeded} is a
     * {@link LimitExceededException}).
     *
     * @return e.g. {@code LimitExceeded}; empty when the answer has none
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The JSON {@code message}: the server's explanation, for people rather than programs.
     *
     * @return the message; empty when the answer has none
     */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /**
     * The body exactly as received.
     *
     * @return the body text, empty when there was none
     */
    public String rawBody() {
        return response.body();
    }

    /**
     * The whole answer: status, headers, body. Not serialized: null in a deserialized exception.
     *
     * @return the answer this exception was made for
     */
    public RawResponse response() {
        return response;
    }

    /**
     * The wait the server asked for ({@code Retry-After}), e.g. 1 s after throttling, the rest of a rate-limit
     * window, or the time until a sequence's oldest keys are forgotten for
     * {@link TooManyIdempotencyKeysException}.
     *
     * @return the wait, from {@link RawResponse#retryAfter()}; empty when the answer has no readable
     *         {@code Retry-After}
     */
    public Optional<Duration> retryAfter() {
        return response.retryAfter();
    }

    /** The body as JSON, for subclasses that read more fields; throws if a required field is missing. */
    static JsonNode requireJson(RawResponse response) {
        return response.json().filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("not a JSON object: " + response.body()));
    }
}
