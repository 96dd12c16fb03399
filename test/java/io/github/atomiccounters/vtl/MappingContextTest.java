package io.github.atomiccounters.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import java.util.List;

import org.junit.jupiter.api.Test;

class MappingContextTest {

    @Test
    void createHasEmptySubMaps() {
        MappingContext c = MappingContext.create();
        assertThat(c.asMap()).containsOnlyKeys("requestOverride", "responseOverride", "identity", "authorizer", "error");
        assertThat(c.get("requestOverride")).isEqualTo(Map.of("header", Map.of(), "path", Map.of(), "querystring", Map.of()));
        assertThat(c.get("responseOverride")).isEqualTo(Map.of("header", Map.of()));
        assertThat(c.responseOverrideStatus()).isEmpty();
        assertThat(c.responseOverrideHeaders()).isEmpty();
        assertThat(c.requestOverrideHeaders()).isEmpty();
    }

    @Test
    void dottedPutAndGet() {
        MappingContext c = MappingContext.create()
                .put("stage", "local")
                .put("identity.sourceIp", "127.0.0.1")
                .put("authorizer.claims.sub", "u1")
                .put("error.validationErrorString", "bad");
        assertThat(c.get("stage")).isEqualTo("local");
        assertThat(c.get("identity.sourceIp")).isEqualTo("127.0.0.1");
        assertThat(c.get("authorizer.claims.sub")).isEqualTo("u1");
        assertThat(c.get("error.validationErrorString")).isEqualTo("bad");
        assertThat(c.get("nope.deeper")).isNull();
        assertThat(c.get("stage.deeper")).isNull();
        assertThatThrownBy(() -> c.put("stage.deeper", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.put("a..b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusAcceptsNumbersAndNumericStrings() {
        assertThat(MappingContext.create().put("responseOverride.status", 409).responseOverrideStatus()).contains(409);
        assertThat(MappingContext.create().put("responseOverride.status", " 404 ").responseOverrideStatus())
                .contains(404);
        assertThat(MappingContext.create().put("responseOverride.status", 201L).responseOverrideStatus())
                .contains(201);
        assertThat(MappingContext.create().put("responseOverride.status", "abc").responseOverrideStatus()).isEmpty();
        assertThat(MappingContext.create().put("responseOverride.status", "").responseOverrideStatus()).isEmpty();
        assertThat(MappingContext.create().responseOverrideStatus()).isEmpty();
    }

    @Test
    void anOverrideMayBeAppliedOnlyOnce() {
        // AWS: "If you try to override the same parameter multiple times, API Gateway returns a 5XX response."
        for (String key : List.of("responseOverride.status", "responseOverride.header.Retry-After",
                "requestOverride.header.X-Amz-Target", "requestOverride.path.name", "requestOverride.querystring.q")) {
            MappingContext c = MappingContext.create().put(key, "1");
            assertThatThrownBy(() -> c.put(key, "2")).as(key).isInstanceOf(MappingException.class)
                    .hasMessageContaining("overridden more than once")
                    .satisfies(e -> assertThat(((MappingException) e).status()).isEqualTo(500));
        }
        // other keys of the context are ordinary
        MappingContext c = MappingContext.create().put("requestTimeEpoch", 1L).put("requestTimeEpoch", 2L);
        assertThat(c.get("requestTimeEpoch")).isEqualTo(2L);
    }

    @Test
    void overrideHeadersAreStrings() {
        MappingContext c = MappingContext.create()
                .put("responseOverride.header.X-A", "a")
                .put("responseOverride.header.X-N", 7)
                .put("requestOverride.header.X-Amz-Target", "DynamoDB_20120810.GetItem")
                .put("requestOverride.querystring.q", "v");
        assertThat(c.responseOverrideHeaders()).containsExactly(Map.entry("X-A", "a"), Map.entry("X-N", "7"));
        assertThat(c.requestOverrideHeaders()).containsExactly(Map.entry("X-Amz-Target", "DynamoDB_20120810.GetItem"));
        assertThat(c.requestOverrideQuerystring()).containsExactly(Map.entry("q", "v"));
    }
}
