package io.github.atomiccounters.bench;

import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.local.pipeline.RequestPipeline;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;
import io.github.atomiccounters.vtl.VtlEngine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The floor's request: the UpdateItem JSON that {@code request/increment.vtl} renders for
 * {@code POST /counters/{name}/increment} with {@code {"by":1}}, rendered by the real template with the
 * {@code $context} the local pipeline gives a request (request id and time, method, resource path, stage) and the
 * stage variables of the synthesized API, as API Gateway's AWS integration would POST it to DynamoDB.
 */
public final class IncrementUpdateItem {
    static final String BODY = "{\"by\":1}";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final MappingTemplate template;

    public IncrementUpdateItem() {
        this.template = new VtlEngine().compile("request/increment.vtl", TemplateFiles.read("request/increment.vtl"));
    }

    /** The UpdateItem JSON for counter {@code name} of the API whose stage has {@code stageVariables}, now. */
    public String render(String name, Map<String, String> stageVariables, String stageName) {
        long now = System.currentTimeMillis();
        String requestId = UUID.randomUUID().toString();
        MappingContext context = RequestPipeline.requestContext(requestId, stageName, "POST",
                "/" + stageName + "/counters/" + name + "/increment", null, now,
                REQUEST_TIME.format(Instant.ofEpochMilli(now)), "127.0.0.1", null);
        context.put("resourcePath", "/counters/{name}/increment");
        return template.render(new MappingInput(BODY, Map.of("name", name), Map.of(),
                Map.of("Content-Type", "application/json"), stageVariables, context));
    }
}
