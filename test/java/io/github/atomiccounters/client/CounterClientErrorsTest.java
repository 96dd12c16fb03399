package io.github.atomiccounters.client;

import io.github.atomiccounters.testing.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every error answer becomes its exception: by code first, then by status; unreadable answers are unexpected. */
class CounterClientErrorsTest {
    private StubServer stub;
    private CounterClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
        client = CounterClient.builder().endpoint(stub.endpoint()).auth(Auth.none())
                .retryPolicy(RetryPolicy.none()).sleeper(new RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CounterApiException failingGet(int status, String body) {
        stub.answer(status, body);
        return catchThrowableOfType(CounterApiException.class, () -> client.get("c"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, BadRequest, BadRequestException",
            "403, MissingAuthenticationToken, AccessDeniedException",
            "403, InvalidSignature, AccessDeniedException",
            "403, ExpiredToken, AccessDeniedException",
            "403, InvalidApiKey, AccessDeniedException",
            "403, Forbidden, AccessDeniedException",
            "403, AccessDenied, AccessDeniedException",
            "401, Unauthorized, AccessDeniedException",
            "404, NotFound, NotFoundException",
            "409, IdempotencyKeyReused, IdempotencyKeyReusedException",
            "409, ConcurrentUpdate, ConcurrentUpdateException",
            "409, SequenceNotPrepared, SequenceNotPreparedException",
            "413, RequestTooLarge, RequestTooLargeException",
            "415, UnsupportedMediaType, UnsupportedMediaTypeException",
            "429, Throttled, ThrottledException",
            "429, QuotaExceeded, ThrottledException",
            "429, TooManyIdempotencyKeys, TooManyIdempotencyKeysException",
            "503, ServiceUnavailable, ServiceUnavailableException",
            "504, ServiceUnavailable, ServiceUnavailableException",
            "500, InternalError, ServerErrorException",
            // codes this client does not know degrade to the status's class
            "400, SomethingNew, BadRequestException",
            "403, SomethingNew, AccessDeniedException",
            "409, SomethingNew, ConflictException",
            "413, SomethingNew, RequestTooLargeException",
            "429, SomethingNew, TooManyRequestsException",
            "502, SomethingNew, ServiceUnavailableException",
            "507, SomethingNew, ServerErrorException",
            "418, SomethingNew, UnexpectedResponseException"})
    void eachCodeHasItsException(int status, String code, String type) {
        CounterApiException e = failingGet(status, "{\"error\": \"" + code + "\", \"message\": \"why\"}");
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.errorCode()).contains(code);
        assertThat(e.errorMessage()).contains("why");
        assertThat(e.rawBody()).isEqualTo("{\"error\": \"" + code + "\", \"message\": \"why\"}");
        assertThat(e.getMessage()).isEqualTo(status + " " + code + ": why");
    }

    @Test
    void aBoundsLimitCarriesTheCurrentValue() {
        LimitExceededException e = (LimitExceededException) failingGet(409,
                "{\"error\": \"LimitExceeded\", \"message\": \"past its bound\", \"value\": 12.75}");
        assertThat(e.value()).isEqualByComparingTo("12.75");
        assertThat(e.isWindow()).isFalse();
        assertThat(e.limit()).isEmpty();
        assertThat(e.resetAt()).isEmpty();
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void aFullWindowCarriesItsLimitResetAndRetryAfter() {
        stub.answer(409, "{\"error\": \"LimitExceeded\", \"message\": \"full\", \"value\": 2, \"limit\": 2, "
                + "\"resetAt\": 1795430460}", Map.of("Retry-After", "37"));
        LimitExceededException e = catchThrowableOfType(LimitExceededException.class, () -> client.get("c"));
        assertThat(e.value()).isEqualByComparingTo("2");
        assertThat(e.isWindow()).isTrue();
        assertThat(e.limit()).contains(BigDecimal.valueOf(2));
        assertThat(e.resetAt()).contains(Instant.ofEpochSecond(1795430460L));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(37));
    }

    @Test
    void aMismatchCarriesTheValueFound() {
        ExpectedValueMismatchException e = (ExpectedValueMismatchException) failingGet(409,
                "{\"error\": \"ExpectedValueMismatch\", \"message\": \"no\", \"value\": -3}");
        assertThat(e.value()).isEqualByComparingTo("-3");
    }

    @Test
    void aKnownCodeWithoutItsFieldsIsUnexpected() {
        assertThat(failingGet(409, "{\"error\": \"LimitExceeded\", \"message\": \"no value\"}"))
                .isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void answersThatAreNotErrorJsonAreUnexpectedAndKeepStatusAndBody() {
        CounterApiException html = failingGet(502, "<html><body>Bad Gateway</body></html>");
        assertThat(html).isExactlyInstanceOf(UnexpectedResponseException.class);
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(html.rawBody()).isEqualTo("<html><body>Bad Gateway</body></html>");
        assertThat(html.errorCode()).isEmpty();
        assertThat(html.getMessage()).isEqualTo("502 <html><body>Bad Gateway</body></html>");

        assertThat(failingGet(500, "")).isExactlyInstanceOf(UnexpectedResponseException.class);
        assertThat(failingGet(400, "[1, 2]")).isExactlyInstanceOf(UnexpectedResponseException.class);
        // API Gateway's own shape without gateway responses: no code, so by status
        CounterApiException plain = failingGet(403, "{\"message\": \"Forbidden\"}");
        assertThat(plain).isExactlyInstanceOf(AccessDeniedException.class);
        assertThat(plain.errorCode()).isEmpty();
        assertThat(plain.errorMessage()).contains("Forbidden");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADateAgainstTheAnswersOwnDate() {
        RawResponse seconds = new RawResponse(429, Map.of("retry-after", java.util.List.of("3")), "");
        RawResponse date = new RawResponse(503, Map.of(
                "Retry-After", java.util.List.of("Wed, 21 Oct 2026 07:28:30 GMT"),
                "Date", java.util.List.of("Wed, 21 Oct 2026 07:28:00 GMT")), "");
        RawResponse past = new RawResponse(503, Map.of(
                "Retry-After", java.util.List.of("Wed, 21 Oct 2026 07:27:00 GMT"),
                "Date", java.util.List.of("Wed, 21 Oct 2026 07:28:00 GMT")), "");
        RawResponse garbage = new RawResponse(503, Map.of("Retry-After", java.util.List.of("soon")), "");
        RawResponse negative = new RawResponse(503, Map.of("Retry-After", java.util.List.of("-1")), "");
        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(date.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(past.retryAfter()).contains(Duration.ZERO);
        assertThat(garbage.retryAfter()).isEmpty();
        assertThat(negative.retryAfter()).isEmpty();
    }
}
