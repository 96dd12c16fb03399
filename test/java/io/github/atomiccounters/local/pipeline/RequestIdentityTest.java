package io.github.atomiccounters.local.pipeline;

import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.vtl.VtlEngine;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code $context.requestId}: a version 4 UUID as API Gateway gives, a new one for every request; and
 * {@code $context.requestTime}, formatted once per second, always the format of its own instant.
 */
class RequestIdentityTest {
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Test
    void requestTimeIsTheCommonLogFormatOfItsOwnSecondWhateverTheOrderOfInstants() {
        RequestPipeline pipeline = new RequestPipeline(new CompiledApi(ApiModel.fromFile(
                Path.of("test/resources/apimodel/counters-stack.template.json")), new VtlEngine()),
                null, null, null, Clock.systemUTC());
        long base = Instant.parse("2031-02-21T23:59:59.100Z").toEpochMilli();
        // within a second, across a midnight, back in time (a test clock moves back), and a second later again
        for (long millis : new long[] {base, base + 800, base + 900, base + 1000, base - 86_400_000L, base + 899,
                base + 2_000}) {
            assertThat(pipeline.requestTime(millis)).as("%d", millis)
                    .isEqualTo(CLF.format(Instant.ofEpochMilli(millis)));
        }
        assertThat(pipeline.requestTime(base + 1000)).isEqualTo("22/Feb/2031:00:00:00 +0000");
    }

    @Test
    void requestIdsAreVersionFourUuidsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestPipeline.requestId();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
        // the pattern fires on what is not one (a version 1 UUID)
        assertThat("c232ab00-9414-11ec-b3c8-9e6bdeced846")
                .doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
