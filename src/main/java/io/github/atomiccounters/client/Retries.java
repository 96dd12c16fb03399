package io.github.atomiccounters.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;

/**
 * Which failures a call may be retried on, so that no retry can ever count twice.
 *
 * <ul>
 *   <li>429 {@code Throttled} / {@code QuotaExceeded} and a connection that could not be opened prove nothing was
 *       applied: every call is retried.</li>
 *   <li>503 (and 502/504), 409 {@code ConcurrentUpdate}, a 429 with another code, and a request that failed after
 *       it was sent (a timeout, a reset) may or may not have been applied: only replay-safe calls (reads, deletes,
 *       updates with an {@code Idempotency-Key}) are retried.</li>
 *   <li>Anything else (400, 401, 403, 404, other 409s, 415, 500, {@code TooManyIdempotencyKeys}) is an answer a
 *       retry cannot change: never retried.</li>
 * </ul>
 */
final class Retries {
    private Retries() {
    }

    static boolean retryable(RawResponse response, boolean replaySafe) {
        Optional<String> code = response.json().filter(j -> j.isObject()).flatMap(j -> Json.text(j, "error"));
        if (code.filter(c -> c.equals("Throttled") || c.equals("QuotaExceeded")).isPresent()) {
            return true;
        }
        if (!replaySafe || code.filter("TooManyIdempotencyKeys"::equals).isPresent()) {
            return false;
        }
        int status = response.statusCode();
        return code.filter("ConcurrentUpdate"::equals).isPresent()
                || status == 429 || status == 502 || status == 503 || status == 504;
    }

    static boolean retryable(IOException failure, boolean replaySafe) {
        boolean neverSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
        return neverSent || replaySafe;
    }
}
