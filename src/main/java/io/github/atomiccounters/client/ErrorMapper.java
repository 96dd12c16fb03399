package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an error answer into its exception: by the JSON {@code error} code first (the README's error table), then
 * by status for a code this client does not know yet, else {@link UnexpectedResponseException}.
 */
final class ErrorMapper {
    private static final Map<String, Function<RawResponse, CounterApiException>> BY_CODE = Map.ofEntries(
            Map.entry("BadRequest", BadRequestException::new),
            Map.entry("MissingAuthenticationToken", AccessDeniedException::new),
            Map.entry("InvalidSignature", AccessDeniedException::new),
            Map.entry("ExpiredToken", AccessDeniedException::new),
            Map.entry("InvalidApiKey", AccessDeniedException::new),
            Map.entry("Forbidden", AccessDeniedException::new),
            Map.entry("AccessDenied", AccessDeniedException::new),
            Map.entry("Unauthorized", AccessDeniedException::new),
            Map.entry("NotFound", NotFoundException::new),
            Map.entry("LimitExceeded", LimitExceededException::new),
            Map.entry("ExpectedValueMismatch", ExpectedValueMismatchException::new),
            Map.entry("IdempotencyKeyReused", IdempotencyKeyReusedException::new),
            Map.entry("ConcurrentUpdate", ConcurrentUpdateException::new),
            Map.entry("SequenceNotPrepared", SequenceNotPreparedException::new),
            Map.entry("UnsupportedMediaType", UnsupportedMediaTypeException::new),
            Map.entry("Throttled", ThrottledException::new),
            Map.entry("QuotaExceeded", ThrottledException::new),
            Map.entry("TooManyIdempotencyKeys", TooManyIdempotencyKeysException::new),
            Map.entry("ServiceUnavailable", ServiceUnavailableException::new),
            Map.entry("InternalError", ServerErrorException::new));

    private ErrorMapper() {
    }

    static CounterApiException map(RawResponse response) {
        Optional<JsonNode> json = response.json().filter(JsonNode::isObject);
        if (json.isEmpty()) {
            return new UnexpectedResponseException(response);
        }
        Function<RawResponse, CounterApiException> byCode =
                Json.text(json.get(), "error").map(BY_CODE::get).orElse(null);
        try {
            return byCode != null ? byCode.apply(response) : byStatus(response);
        } catch (IllegalArgumentException missingField) {
            // a known code without the fields it promises: report it as the answer it is
            return new UnexpectedResponseException(response);
        }
    }

    private static CounterApiException byStatus(RawResponse response) {
        int status = response.statusCode();
        return switch (status) {
            case 400 -> new BadRequestException(response);
            case 401, 403 -> new AccessDeniedException(response);
            case 404 -> new NotFoundException(response);
            case 409 -> new ConflictException(response);
            case 415 -> new UnsupportedMediaTypeException(response);
            case 429 -> new TooManyRequestsException(response);
            case 502, 503, 504 -> new ServiceUnavailableException(response);
            default -> status >= 500 && status < 600 ? new ServerErrorException(response)
                    : new UnexpectedResponseException(response);
        };
    }
}
