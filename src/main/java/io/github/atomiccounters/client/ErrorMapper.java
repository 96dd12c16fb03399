package io.github.atomiccounters.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Turns an error answer into its exception: by the JSON {@code error} code first (the catalog, {@link ErrorCode}),
 * then by status for a code this client does not know yet, else {@link UnexpectedResponseException}.
 */
final class ErrorMapper {
    private ErrorMapper() {
    }

    static CounterApiException map(RawResponse response) {
        Optional<JsonNode> json = response.json().filter(JsonNode::isObject);
        if (json.isEmpty()) {
            return new UnexpectedResponseException(response);
        }
        Optional<ErrorCode> code = Json.text(json.get(), "error").flatMap(ErrorCode::of);
        try {
            return code.isPresent() ? code.get().exceptionFor(response) : byStatus(response);
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
            case 413 -> new RequestTooLargeException(response);
            case 415 -> new UnsupportedMediaTypeException(response);
            case 429 -> new TooManyRequestsException(response);
            case 502, 503, 504 -> new ServiceUnavailableException(response);
            default -> status >= 500 && status < 600 ? new ServerErrorException(response)
                    : new UnexpectedResponseException(response);
        };
    }
}
