package io.github.atomiccounters.vtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.TemplateFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed error template on DynamoDB answers that DynamoDB Local does not give for these requests (the
 * end-to-end tests cover the ones it gives): AWS may report a missing map of keys as an invalid document path
 * instead of a failed condition.
 */
class ErrorTemplateTest {
    private static final MappingTemplate ERROR = new VtlEngine().compile(AtomicCounterApi.ERROR_TEMPLATE,
            TemplateFiles.read(AtomicCounterApi.ERROR_TEMPLATE));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The document path provided in the update expression is invalid for update|k-1|409|SequenceNotPrepared",
            "The document path provided in the update expression is invalid for update||400|BadRequest",
            "An operand in the update expression has an incorrect data type|k-1|409|IdempotencyKeyReused",
            "An operand in the update expression has an incorrect data type||400|BadRequest",
            "Item size to update has exceeded the maximum allowed size|k-1|429|TooManyIdempotencyKeys"})
    void aValidationExceptionOnNextIsAnsweredByWhatCausedIt(String message, String key, int status, String error)
            throws Exception {
        MappingContext context = MappingContext.create()
                .put("resourcePath", "/counters/{name}/next")
                .put("httpMethod", "POST")
                .put("requestTimeEpoch", 1_795_000_000_000L)
                .put("requestId", "r-1");
        String body = new ObjectMapper().writeValueAsString(Map.of(
                "__type", "com.amazon.coral.validate#ValidationException", "message", message));
        MappingInput input = new MappingInput(body, Map.of("name", "members"), Map.of(),
                key == null ? Map.of() : Map.of("Idempotency-Key", key), Map.of("sortKey", "sk"), context);

        JsonNode answer = new ObjectMapper().readTree(ERROR.render(input));

        assertThat(context.responseOverrideStatus()).contains(status);
        assertThat(answer.get("error").asText()).isEqualTo(error);
        if (status == 429) {
            // the keys sit in today's and yesterday's maps; today's is emptied only on the day after tomorrow
            assertThat(context.get("responseOverride.header.Retry-After")).isEqualTo(
                    Long.toString(2 * 86400 - 1_795_000_000L % 86400));
        }
    }
}
