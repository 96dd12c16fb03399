/**
 * A typed Java client of the atomic-counters HTTP API, on {@code java.net.http} and the AWS SDK's SigV4 signer.
 *
 * <p>Start at {@link io.github.atomiccounters.client.CounterClient}: its builder (endpoint, {@link
 * io.github.atomiccounters.client.Auth auth}, timeouts, {@link io.github.atomiccounters.client.RetryPolicy
 * retries}), one method per route with request objects ({@code IncrementRequest}, {@code DecrementRequest},
 * {@code SetRequest}, {@code NextRequest}) and result records, and the retry rules. Errors are subclasses of
 * {@link io.github.atomiccounters.client.CounterApiException}, one per error code of the API (the catalog:
 * {@link io.github.atomiccounters.client.ErrorCode}):
 *
 * <pre>
 * CounterApiException                 status, code, message, raw body, Retry-After
 * ├─ BadRequestException              400
 * ├─ AccessDeniedException            401, 403 (MissingAuthenticationToken, InvalidSignature, InvalidApiKey, ...)
 * ├─ NotFoundException                404
 * ├─ ConflictException                409
 * │  ├─ LimitExceededException        value (+ limit, resetAt for a window)
 * │  ├─ ExpectedValueMismatchException value
 * │  ├─ IdempotencyKeyReusedException
 * │  ├─ ConcurrentUpdateException     (retried with the same key)
 * │  └─ SequenceNotPreparedException
 * ├─ RequestTooLargeException         413
 * ├─ UnsupportedMediaTypeException    415
 * ├─ TooManyRequestsException         429
 * │  ├─ ThrottledException            Throttled, QuotaExceeded (retried)
 * │  └─ TooManyIdempotencyKeysException
 * ├─ ServerErrorException             5xx, InternalError
 * │  └─ ServiceUnavailableException   503 (retried when safe)
 * └─ UnexpectedResponseException      not JSON, or no known code at an unknown status
 * </pre>
 */
package io.github.atomiccounters.client;
