package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnModel;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A model's schema is at most 400 KB: "The maximum size of the model is 400 KB" (CreateModel, {@code schema}). */
public final class ModelSchemaSizeRule extends BaseRule {
    /** 400 KB, read as 400 × 1024 bytes. */
    public static final int MAX_SCHEMA_BYTES = 400 * 1024;

    /** The rule. */
    public ModelSchemaSizeRule() {
        super("Deploy-ModelSchemaSize", "An API Gateway model's schema is at most 400 KB",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (!(resource instanceof CfnModel model)) {
            return List.of();
        }
        Object schema = stack.resolve(model.getSchema());
        if (schema == null || !StackResources.known(schema)) {
            return List.of();
        }
        String text = schema instanceof String s ? s : StackResources.json(schema);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_SCHEMA_BYTES ? List.of() : List.of(finding(resource, "Schema",
                bytes + " bytes", "API Gateway accepts a model schema of at most 400 KB (" + MAX_SCHEMA_BYTES
                        + " bytes)"));
    }
}
