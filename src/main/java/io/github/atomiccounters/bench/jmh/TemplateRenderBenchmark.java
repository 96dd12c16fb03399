package io.github.atomiccounters.bench.jmh;

import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;
import io.github.atomiccounters.vtl.VtlEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Rendering each route's request template (compiled once) with a realistic input, and the error response
 * template with DynamoDB Local's ConditionalCheckFailedException body (the 409 path of increment with max).
 * A fresh {@link MappingInput} per call: the pipeline builds one per request and the body is parsed per render.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplateRenderBenchmark {

    /** The route, and for increment also the body with a bound (the exact-decimal arithmetic path). */
    @Param({"increment", "increment-max", "decrement", "get", "put", "delete", "next"})
    public String route;

    static final String CONDITIONAL_CHECK_FAILED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ConditionalCheckFailedException\",\"Message\":\"The conditional request failed\","
            + "\"Item\":{\"pk\":{\"S\":\"page-views\"},\"sk\":{\"S\":\"counter\"},\"value\":{\"N\":\"100\"},"
            + "\"previous\":{\"N\":\"99\"}}}";

    private MappingTemplate request;
    private MappingTemplate error;
    private String httpMethod;
    private String body;

    @Setup
    public void setUp() {
        VtlEngine engine = new VtlEngine();
        String file = switch (route) {
            case "increment-max" -> "increment";
            default -> route;
        };
        request = Fixtures.compile(engine, "request/" + file + ".vtl");
        error = Fixtures.compile(engine, "response/error.vtl");
        httpMethod = switch (route) {
            case "get" -> "GET";
            case "put" -> "PUT";
            case "delete" -> "DELETE";
            default -> "POST";
        };
        body = switch (route) {
            case "increment" -> "{\"by\":1}";
            case "increment-max" -> "{\"by\":\"0.25\",\"max\":\"100.5\"}";
            case "decrement" -> "{\"by\":2,\"min\":0}";
            case "put" -> "{\"value\":10,\"expected\":9}";
            case "next" -> "{\"count\":10}";
            default -> "";
        };
        // fail fast if a fixture does not render what a route needs
        String rendered = request.render(Fixtures.input(httpMethod, body));
        if (!rendered.contains("\"TableName\": \"" + Fixtures.STAGE_VARIABLES.get("tableName") + "\"")) {
            throw new IllegalStateException(route + " rendered: " + rendered);
        }
        if (!error.render(Fixtures.input(httpMethod, body).withBody(CONDITIONAL_CHECK_FAILED)).contains("\"value\": 100")) {
            throw new IllegalStateException("error template did not render the 409 body");
        }
    }

    @Benchmark
    public String requestTemplate() {
        return request.render(Fixtures.input(httpMethod, body));
    }

    @Benchmark
    public String errorTemplateConditionalCheckFailed() {
        return error.render(Fixtures.input(httpMethod, body).withBody(CONDITIONAL_CHECK_FAILED));
    }
}
