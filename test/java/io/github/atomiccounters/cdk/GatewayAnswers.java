package io.github.atomiccounters.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.local.pipeline.CompiledApi;
import io.github.atomiccounters.local.pipeline.GatewayError;
import io.github.atomiccounters.local.pipeline.GatewayErrorType;
import io.github.atomiccounters.local.pipeline.GatewayResponses;
import io.github.atomiccounters.local.pipeline.LocalRequest;
import io.github.atomiccounters.local.pipeline.LocalResponse;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.VtlEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API Gateway error of a synthesized API, answered by its gateway response as AWS renders it (simple
 * substitution): valid JSON with the code docs/http-api.md gives, even when the message holds quotes.
 */
final class GatewayAnswers {
    /** The code each API Gateway error answers with, as the error table of docs/http-api.md lists it. */
    static final Map<GatewayErrorType, String> CODES = Map.ofEntries(
            entry(GatewayErrorType.ACCESS_DENIED, "AccessDenied"),
            entry(GatewayErrorType.API_CONFIGURATION_ERROR, "InternalError"),
            entry(GatewayErrorType.AUTHORIZER_FAILURE, "InternalError"),
            entry(GatewayErrorType.BAD_REQUEST_PARAMETERS, "BadRequest"),
            entry(GatewayErrorType.BAD_REQUEST_BODY, "BadRequest"),
            entry(GatewayErrorType.EXPIRED_TOKEN, "ExpiredToken"),
            entry(GatewayErrorType.INCOMPLETE_SIGNATURE, "Forbidden"),
            entry(GatewayErrorType.UNRECOGNIZED_CLIENT, "Forbidden"),
            entry(GatewayErrorType.INTEGRATION_FAILURE, "ServiceUnavailable"),
            entry(GatewayErrorType.INTEGRATION_TIMEOUT, "ServiceUnavailable"),
            entry(GatewayErrorType.INVALID_API_KEY, "InvalidApiKey"),
            entry(GatewayErrorType.INVALID_SIGNATURE, "InvalidSignature"),
            entry(GatewayErrorType.MISSING_AUTHENTICATION_TOKEN, "MissingAuthenticationToken"),
            entry(GatewayErrorType.QUOTA_EXCEEDED, "QuotaExceeded"),
            entry(GatewayErrorType.REQUEST_TOO_LARGE, "RequestTooLarge"),
            entry(GatewayErrorType.RESOURCE_NOT_FOUND, "NotFound"),
            entry(GatewayErrorType.THROTTLED, "Throttled"),
            entry(GatewayErrorType.UNAUTHORIZED, "Unauthorized"),
            entry(GatewayErrorType.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayAnswers() {
    }

    static void assertEveryErrorIsJsonWithItsCode(Map<String, Object> template) {
        String readme = readme();
        GatewayResponses responses = new GatewayResponses(new CompiledApi(
                ApiModel.fromTemplate(template, LocalFacts.defaults()), new VtlEngine()));
        LocalRequest request = new LocalRequest("POST", "/v1/counters/x/increment", null, Map.of(), null,
                "127.0.0.1");
        for (GatewayErrorType type : GatewayErrorType.values()) {
            String message = "a \"quoted\" message \\ from API Gateway";
            MappingInput input = new MappingInput("", Map.of(), Map.of(), Map.of(), Map.of(),
                    MappingContext.create());
            LocalResponse response = responses.render(new GatewayError(type, message, "[\"bad\"]"), input, request);
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError(type + " answers a body that is not JSON: " + response.body(), e);
            }
            String code = CODES.get(type);
            assertThat(code).as("expected code of " + type).isNotNull();
            assertThat(body.get("error").asText()).as(type + ": " + response.body()).isEqualTo(code);
            assertThat(body.get("message").asText()).as(type + ": " + response.body()).isNotBlank();
            assertThat(response.status()).as(type.toString()).isEqualTo(type.status());
            assertThat(readme).as("the error table of docs/http-api.md lists " + code).contains("`" + code + "`");
        }
    }

    private static String readme() {
        try {
            return Files.readString(Path.of("docs", "http-api.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
