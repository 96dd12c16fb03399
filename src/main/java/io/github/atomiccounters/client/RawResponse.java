package io.github.atomiccounters.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP answer as received: status, headers and body text. The typed methods of {@link CounterClient} turn it
 * into results or exceptions; {@link CounterClient#send} returns it as is.
 *
 * @param statusCode the HTTP status
 * @param headers    the response headers (names as received; use {@link #header(String)} to look one up)
 * @param body       the body text, empty when there is none
 */
public record RawResponse(int statusCode, Map<String, List<String>> headers, String body) {

    /**
     * Copies the headers (immutable) and turns a null body into an empty one.
     *
     * @param statusCode the HTTP status
     * @param headers    the response headers; not null, without null names or values
     * @param body       the body text, or null for none
     */
    public RawResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /**
     * The first value of a header, its name compared case-insensitively.
     *
     * @param name the header name, e.g. {@code Retry-After}
     * @return its first value; empty when the answer does not have it
     */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /**
     * The wait the server asks for in {@code Retry-After}: delay-seconds as this API sends them, or an HTTP-date
     * measured from the response's own {@code Date} header (so the local clock plays no part). Empty when absent
     * or unreadable.
     *
     * @return the wait (zero for an HTTP-date in the past); empty when there is no usable {@code Retry-After}
     */
    public Optional<Duration> retryAfter() {
        Optional<String> value = header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            Optional<String> date = header("Date");
            if (date.isEmpty()) {
                return Optional.empty();
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                ZonedDateTime now = ZonedDateTime.parse(date.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    /**
     * Whether the status is 2xx: the typed methods read such an answer, any other becomes a
     * {@link CounterApiException}.
     *
     * @return true for 200 to 299
     */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** The body parsed as JSON (numbers with a fraction as exact decimals), empty when it is not JSON. */
    Optional<JsonNode> json() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
