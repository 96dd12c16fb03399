package io.github.atomiccounters.bench.jmh;

import io.github.atomiccounters.apimodel.ApiMethod;
import io.github.atomiccounters.apimodel.ApiResource;
import io.github.atomiccounters.apimodel.Integration;
import io.github.atomiccounters.apimodel.IntegrationResponse;
import io.github.atomiccounters.apimodel.RequestValidatorModel;
import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.local.JsonSchemaValidation;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledIntegrationResponse;
import io.github.atomiccounters.local.pipeline.CompiledApi.CompiledMethod;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;
import io.github.atomiccounters.vtl.VtlEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Realistic inputs for the micro-benchmarks: what the pipeline hands the templates for a request to the deployed
 * stack (stage variables and $context as {@code RequestPipeline} sets them), and the increment method as the
 * synthesized template defines it (validator, model, integration responses 200 / 4\d{2} / 5\d{2}).
 */
final class Fixtures {
    static final Map<String, String> STAGE_VARIABLES = Map.of(
            "tableName", "AtomicCounters-CountersTable751C54B9-1A2B3C4D5E6F",
            "partitionKey", "pk", "sortKey", "sk", "sortKeyValue", "counter");

    private Fixtures() {
    }

    /** A request's mapping input: path parameter {@code name}, typical headers, a full $context. */
    static MappingInput input(String httpMethod, String body) {
        MappingContext context = MappingContext.create();
        context.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        context.put("extendedRequestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("stage", "v1");
        context.put("httpMethod", httpMethod);
        context.put("path", "/v1/counters/page-views/increment");
        context.put("resourcePath", "/counters/{name}/increment");
        context.put("protocol", "HTTP/1.1");
        context.put("requestTimeEpoch", 1_795_000_000_000L);
        context.put("identity.sourceIp", "127.0.0.1");
        context.put("identity.userAgent", "Java-http-client/17");
        context.put("identity.accessKey", "AKIALOCALCOUNTERS000");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Host", "127.0.0.1:8080");
        headers.put("User-Agent", "Java-http-client/17");
        headers.put("X-Amz-Date", "20261123T101500Z");
        return new MappingInput(body, Map.of("name", "page-views"), Map.of(), headers, STAGE_VARIABLES, context);
    }

    static MappingTemplate compile(VtlEngine engine, String file) {
        return engine.compile(file, TemplateFiles.read(file));
    }

    /** POST /counters/{name}/increment as compiled by CompiledApi from the synthesized template. */
    static CompiledMethod incrementMethod(VtlEngine engine) {
        String error = TemplateFiles.read("response/error.vtl");
        String update = TemplateFiles.read("response/update.vtl");
        List<IntegrationResponse> responses = List.of(
                new IntegrationResponse("200", null, Map.of("application/json", update), Map.of()),
                new IntegrationResponse("400", "4\\d{2}", Map.of("application/json", error), Map.of()),
                new IntegrationResponse("500", "5\\d{2}", Map.of("application/json", error), Map.of()));
        Map<String, Object> schema = TemplateFiles.readSchema("models/increment.json");
        Integration integration = new Integration("AWS", "POST",
                "arn:aws:apigateway:us-east-1:dynamodb:action/UpdateItem", "dynamodb", "UpdateItem",
                "arn:aws:iam::000000000000:role/counters", "NEVER",
                Map.of("application/json", TemplateFiles.read("request/increment.vtl")), Map.of(), responses);
        ApiMethod method = new ApiMethod("POST", "AWS_IAM", false,
                new RequestValidatorModel("counters-validator", true, true), Map.of("application/json", schema),
                Map.of("method.request.path.name", true), integration, List.of(), null);
        ApiResource resource = new ApiResource("/counters/{name}/increment", List.of("name"),
                Map.of("POST", method));
        List<CompiledIntegrationResponse> compiled = responses.stream().map(r -> new CompiledIntegrationResponse(r,
                r.selectionPattern() == null ? null : Pattern.compile(r.selectionPattern()),
                Map.of("application/json", engine.compile("response " + r.statusCode(),
                        r.responseTemplates().get("application/json"))))).toList();
        return new CompiledMethod(resource, method,
                Map.of("application/json", engine.compile("request", TemplateFiles.read("request/increment.vtl"))),
                compiled, Map.of("application/json", JsonSchemaValidation.compile(schema)));
    }
}
