package io.github.atomiccounters.apimodel;

import java.util.List;
import java.util.Map;

/**
 * A method of a resource. {@code requestModels} maps a content type to the model's JSON schema (deeply immutable
 * Map/List values). {@code authorizerType} is the Type of the referenced AWS::ApiGateway::Authorizer (e.g.
 * COGNITO_USER_POOLS), null without authorizer. {@code integration} may be null if the template has none.
 */
public record ApiMethod(String httpMethod, String authorizationType, boolean apiKeyRequired,
                        RequestValidatorModel validator, Map<String, Object> requestModels,
                        Map<String, Boolean> requestParameters, Integration integration,
                        List<MethodResponse> methodResponses, String authorizerType) {
    public ApiMethod {
        requestModels = Immutables.deepMap(requestModels);
        requestParameters = Immutables.map(requestParameters);
        methodResponses = Immutables.list(methodResponses);
    }
}
