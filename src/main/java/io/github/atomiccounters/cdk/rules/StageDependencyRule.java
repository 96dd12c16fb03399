package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnApiKey;
import software.amazon.awscdk.services.apigateway.CfnBasePathMapping;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.CfnUsagePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What names a stage of this stack by its name (a usage plan's {@code ApiStages}, an API key's {@code StageKeys},
 * a base path mapping's {@code Stage}) is created after that stage: by a {@code Ref} to it or a {@code DependsOn}.
 * Otherwise CloudFormation may create it first and API Gateway answers "Invalid stage identifier specified" / "API
 * Stage not found" (public reports: aws/serverless-application-model issue 32, serverless/serverless issue 2831).
 */
public final class StageDependencyRule extends BaseRule {

    /** The rule. */
    public StageDependencyRule() {
        super("Deploy-StageDependency", "Usage plans, API keys and base path mappings wait for the stage they name",
                "https://github.com/aws/serverless-application-model/issues/32");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnUsagePlan plan && stack.resolve(plan.getApiStages()) instanceof List<?> stages) {
            for (int i = 0; i < stages.size(); i++) {
                check(resource, "ApiStages[" + i + "].Stage", StackResources.field(stages.get(i), "ApiId"),
                        StackResources.field(stages.get(i), "Stage"), stack, findings);
            }
        } else if (resource instanceof CfnApiKey key && stack.resolve(key.getStageKeys()) instanceof List<?> keys) {
            for (int i = 0; i < keys.size(); i++) {
                check(resource, "StageKeys[" + i + "].StageName", StackResources.field(keys.get(i), "RestApiId"),
                        StackResources.field(keys.get(i), "StageName"), stack, findings);
            }
        } else if (resource instanceof CfnBasePathMapping mapping) {
            check(resource, "Stage", stack.resolve(mapping.getRestApiId()), stack.resolve(mapping.getStage()), stack,
                    findings);
        }
        return findings;
    }

    private void check(CfnResource resource, String property, Object apiId, Object stageName, StackResources stack,
                       List<Finding> findings) {
        if (stageName == null) {
            return;
        }
        for (CfnStage stage : stack.ofType(CfnStage.class)) {
            Object name = stack.resolve(stage.getStageName());
            boolean named = stageName.equals(name) || stack.referenced(stageName)
                    .filter(r -> r.getNode().getPath().equals(stage.getNode().getPath())).isPresent();
            if (named && Objects.equals(apiId, stack.resolve(stage.getRestApiId()))
                    && !stack.createdBefore(resource, stage, stageName)) {
                findings.add(finding(resource, property, stageName, "names stage " + StackResources.path(stage)
                        + " without waiting for it: use a Ref to the stage or add a DependsOn, or API Gateway may "
                        + "answer \"Invalid stage identifier specified\""));
            }
        }
    }
}
