package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CfnRequestValidator;
import software.amazon.awscdk.services.apigateway.CfnRestApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a method references lives in the method's own REST API and exists when the method is created: its request
 * validator and authorizer (by {@code Ref}), its request and response models (by {@code Ref}, or by the name of a
 * model of the stack's API it waits for, or API Gateway's built-in {@code Empty} and {@code Error}). PutMethod looks
 * each up in the method's API ({@code requestValidatorId}, {@code authorizerId}, {@code requestModels}: "a Model
 * name"); one that is not there fails with "Invalid ... identifier specified".
 */
public final class MethodReferencesRule extends BaseRule {
    /** The models every REST API has without creating them. */
    private static final Set<String> BUILT_IN_MODELS = Set.of("Empty", "Error");

    /** The rule. */
    public MethodReferencesRule() {
        super("Deploy-MethodReferences", "A method's validator, authorizer and models are of its own REST API",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (!(resource instanceof CfnMethod method)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Object api = stack.resolve(method.getRestApiId());
        Object validator = stack.resolve(method.getRequestValidatorId());
        stack.referenced(validator).ifPresent(target -> {
            if (!(target instanceof CfnRequestValidator v && Objects.equals(api, stack.resolve(v.getRestApiId())))) {
                findings.add(finding(resource, "RequestValidatorId", validator, "references "
                        + StackResources.path(target) + ", not a request validator of this method's REST API"));
            }
        });
        Object authorizer = stack.resolve(method.getAuthorizerId());
        stack.referenced(authorizer).ifPresent(target -> {
            if (!(target instanceof CfnAuthorizer a && Objects.equals(api, stack.resolve(a.getRestApiId())))) {
                findings.add(finding(resource, "AuthorizerId", authorizer, "references "
                        + StackResources.path(target) + ", not an authorizer of this method's REST API"));
            }
        });
        models(method, "RequestModels", stack.resolve(method.getRequestModels()), api, stack, findings);
        if (stack.resolve(method.getMethodResponses()) instanceof List<?> responses) {
            for (int i = 0; i < responses.size(); i++) {
                models(method, "MethodResponses[" + i + "].ResponseModels",
                        StackResources.field(responses.get(i), "ResponseModels"), api, stack, findings);
            }
        }
        return findings;
    }

    private void models(CfnMethod method, String property, Object models, Object api, StackResources stack,
                        List<Finding> findings) {
        if (!(models instanceof Map<?, ?> byContentType)) {
            return;
        }
        byContentType.forEach((contentType, model) -> {
            String where = property + "." + contentType;
            Optional<CfnResource> target = stack.referenced(model);
            if (target.isPresent()) {
                if (!(target.get() instanceof CfnModel m && Objects.equals(api, stack.resolve(m.getRestApiId())))) {
                    findings.add(finding(method, where, model, "references " + StackResources.path(target.get())
                            + ", not a model of this method's REST API"));
                }
            } else if (model instanceof String name && StackResources.known(name) && !BUILT_IN_MODELS.contains(name)
                    && stack.referenced(api).filter(CfnRestApi.class::isInstance).isPresent()
                    && stack.ofType(CfnModel.class).stream().noneMatch(m -> name.equals(stack.resolve(m.getName()))
                            && Objects.equals(api, stack.resolve(m.getRestApiId()))
                            && stack.createdBefore(method, m, null))) {
                findings.add(finding(method, where, name, "names a model that is neither built in (Empty, Error) "
                        + "nor a model of this REST API created before the method: reference it with a Ref"));
            }
        });
    }
}
