package io.github.atomiccounters.cdk;

import software.amazon.awscdk.IAnyProducer;
import software.amazon.awscdk.IResolveContext;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.services.apigateway.CfnApiKey;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;
import software.amazon.awscdk.services.apigateway.CfnGatewayResponse;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CfnRequestValidator;
import software.amazon.awscdk.services.apigateway.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnRestApi;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.CfnUsagePlan;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.constructs.IConstruct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a stage serves, hashed into the logical id of the REST API's Deployment, so that any change to it
 * makes CloudFormation create a new Deployment and point the stage at it. A stage serves a snapshot taken when its
 * Deployment was created; CloudFormation updates a changed method or model in place, and without a new Deployment
 * the stage keeps serving the old one (issue 16: an edited model schema never went live, because the CDK's
 * {@code Model} hashes its props before the schema file replaces the placeholder).
 *
 * <p>The hash covers the settings of every API Gateway resource under the construct (read from the L1 resources, so
 * it also covers what a consumer adds and props added later): methods and resources (which the CDK hashes too),
 * models, request validators, authorizers, gateway responses, API keys and usage plans ("Updates to REST APIs that
 * require redeployment", API Gateway developer guide), the REST API itself, and the stage's own settings (variables,
 * throttling, logging). AWS documents stage settings both ways: "Resource updates require redeploying the API,
 * where configuration updates do not", and "After modifying stage settings, you must redeploy the API for the
 * changes to take effect" (Create a deployment). A new Deployment on every stage change serves both readings.
 */
final class DeploymentInputs {
    private DeploymentInputs() {
    }

    /**
     * Adds the settings of every API Gateway resource under {@code scope}, read when the app is synthesized, to the
     * logical id of {@code api}'s latest Deployment.
     *
     * @param api   the REST API whose Deployment to renew on any change
     * @param scope the construct holding the API and its models, validators, authorizers, plans
     */
    static void hashInto(RestApi api, IConstruct scope) {
        api.getLatestDeployment().addToLogicalId(Lazy.uncachedAny(new IAnyProducer() {
            @Override
            public Object produce(IResolveContext context) {
                return settings(scope);
            }
        }));
    }

    /** Construct path below {@code scope} -> the settings of that API Gateway resource, in construct-tree order. */
    static Map<String, Object> settings(IConstruct scope) {
        Map<String, Object> all = new LinkedHashMap<>();
        int scopePath = scope.getNode().getPath().length();
        for (IConstruct child : scope.getNode().findAll()) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (child instanceof CfnRestApi r) {
                put(s, "Name", r.getName());
                put(s, "Description", r.getDescription());
                put(s, "ApiKeySourceType", r.getApiKeySourceType());
                put(s, "BinaryMediaTypes", r.getBinaryMediaTypes());
                put(s, "EndpointConfiguration", r.getEndpointConfiguration());
                put(s, "Policy", r.getPolicy());
                put(s, "MinimumCompressionSize", r.getMinimumCompressionSize());
                put(s, "DisableExecuteApiEndpoint", r.getDisableExecuteApiEndpoint());
                put(s, "Body", r.getBody());
                put(s, "BodyS3Location", r.getBodyS3Location());
                put(s, "Mode", r.getMode());
                put(s, "Parameters", r.getParameters());
                put(s, "SecurityPolicy", r.getSecurityPolicy());
            } else if (child instanceof CfnStage r) {
                // not its DeploymentId: that is the id being computed
                put(s, "StageName", r.getStageName());
                put(s, "Description", r.getDescription());
                put(s, "Variables", r.getVariables());
                put(s, "MethodSettings", r.getMethodSettings());
                put(s, "AccessLogSetting", r.getAccessLogSetting());
                put(s, "TracingEnabled", r.getTracingEnabled());
                put(s, "CacheClusterEnabled", r.getCacheClusterEnabled());
                put(s, "CacheClusterSize", r.getCacheClusterSize());
                put(s, "CanarySetting", r.getCanarySetting());
                put(s, "ClientCertificateId", r.getClientCertificateId());
            } else if (child instanceof CfnResource r) {
                put(s, "ParentId", r.getParentId());
                put(s, "PathPart", r.getPathPart());
            } else if (child instanceof CfnMethod r) {
                put(s, "ResourceId", r.getResourceId());
                put(s, "HttpMethod", r.getHttpMethod());
                put(s, "AuthorizationType", r.getAuthorizationType());
                put(s, "AuthorizerId", r.getAuthorizerId());
                put(s, "AuthorizationScopes", r.getAuthorizationScopes());
                put(s, "ApiKeyRequired", r.getApiKeyRequired());
                put(s, "OperationName", r.getOperationName());
                put(s, "RequestParameters", r.getRequestParameters());
                put(s, "RequestModels", r.getRequestModels());
                put(s, "RequestValidatorId", r.getRequestValidatorId());
                put(s, "MethodResponses", r.getMethodResponses());
                put(s, "Integration", r.getIntegration());
            } else if (child instanceof CfnModel r) {
                put(s, "Name", r.getName());
                put(s, "ContentType", r.getContentType());
                put(s, "Description", r.getDescription());
                put(s, "Schema", r.getSchema());
            } else if (child instanceof CfnRequestValidator r) {
                put(s, "Name", r.getName());
                put(s, "ValidateRequestBody", r.getValidateRequestBody());
                put(s, "ValidateRequestParameters", r.getValidateRequestParameters());
            } else if (child instanceof CfnAuthorizer r) {
                put(s, "Name", r.getName());
                put(s, "Type", r.getType());
                put(s, "AuthType", r.getAuthType());
                put(s, "AuthorizerUri", r.getAuthorizerUri());
                put(s, "AuthorizerCredentials", r.getAuthorizerCredentials());
                put(s, "AuthorizerResultTtlInSeconds", r.getAuthorizerResultTtlInSeconds());
                put(s, "IdentitySource", r.getIdentitySource());
                put(s, "IdentityValidationExpression", r.getIdentityValidationExpression());
                put(s, "ProviderARNs", r.getProviderArns());
            } else if (child instanceof CfnGatewayResponse r) {
                put(s, "ResponseType", r.getResponseType());
                put(s, "StatusCode", r.getStatusCode());
                put(s, "ResponseParameters", r.getResponseParameters());
                put(s, "ResponseTemplates", r.getResponseTemplates());
            } else if (child instanceof CfnApiKey r) {
                put(s, "Name", r.getName());
                put(s, "Description", r.getDescription());
                put(s, "Enabled", r.getEnabled());
                put(s, "CustomerId", r.getCustomerId());
                put(s, "Value", r.getValue());
            } else if (child instanceof CfnUsagePlan r) {
                put(s, "UsagePlanName", r.getUsagePlanName());
                put(s, "Description", r.getDescription());
                put(s, "Throttle", r.getThrottle());
                put(s, "Quota", r.getQuota());
                put(s, "ApiStages", r.getApiStages());
            } else {
                continue;
            }
            all.put(child.getNode().getPath().substring(scopePath), s);
        }
        return all;
    }

    private static void put(Map<String, Object> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, value);
        }
    }
}
