package io.github.atomiccounters.bench.jmh;

import io.github.atomiccounters.local.JsonSchemaValidation;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;
import io.github.atomiccounters.local.pipeline.GatewayError;
import io.github.atomiccounters.local.pipeline.IntegrationResponseSelection;
import io.github.atomiccounters.local.pipeline.LocalRequest;
import io.github.atomiccounters.local.pipeline.RequestValidation;
import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.vtl.VtlEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's pure stages for POST /counters/{name}/increment: integration-response selection (200, and the
 * 4\d{2} pattern for a 400), request validation against models/increment.json (schema compiled once), valid and
 * invalid bodies, through {@link RequestValidation} and through the compiled schema directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineStagesBenchmark {
    private final IntegrationResponseSelection selection = new IntegrationResponseSelection();
    private final RequestValidation validation = new RequestValidation();
    private CompiledMethod increment;
    private JsonSchemaValidation.CompiledSchema schema;
    private LocalRequest validRequest;
    private LocalRequest invalidRequest;
    private Map<String, String> pathParameters;

    @Setup
    public void setUp() {
        increment = Fixtures.incrementMethod(new VtlEngine());
        schema = JsonSchemaValidation.compile(TemplateFiles.readSchema("models/increment.json"));
        validRequest = request("{\"by\":1}");
        invalidRequest = request("{\"by\":0,\"extra\":true}");
        pathParameters = Map.of("name", "page-views");
        if (!selection.select(increment, 400).response().statusCode().equals("400")
                || !selection.select(increment, 200).response().statusCode().equals("200")) {
            throw new IllegalStateException("selection fixture");
        }
        if (schema.validate("{\"by\":1}").isPresent() || schema.validate("{\"by\":0}").isEmpty()) {
            throw new IllegalStateException("schema fixture");
        }
    }

    private static LocalRequest request(String body) {
        return new LocalRequest("POST", "/v1/counters/page-views/increment", null,
                Map.of("Content-Type", List.of("application/json"), "Host", List.of("127.0.0.1:8080")),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    @Benchmark
    public CompiledIntegrationResponse selectIntegrationResponse200() {
        return selection.select(increment, 200);
    }

    @Benchmark
    public CompiledIntegrationResponse selectIntegrationResponse400() {
        return selection.select(increment, 400);
    }

    @Benchmark
    public void validateValidBody() {
        validation.validate(increment, validRequest, pathParameters, Map.of(), "application/json");
    }

    @Benchmark
    public void validateInvalidBody(Blackhole bh) {
        try {
            validation.validate(increment, invalidRequest, pathParameters, Map.of(), "application/json");
            throw new IllegalStateException("an invalid body passed");
        } catch (GatewayError expected) {
            bh.consume(expected);
        }
    }

    @Benchmark
    public Optional<String> schemaValidateValid() {
        return schema.validate("{\"by\":1}");
    }

    @Benchmark
    public Optional<String> schemaValidateInvalid() {
        return schema.validate("{\"by\":0,\"extra\":true}");
    }
}
