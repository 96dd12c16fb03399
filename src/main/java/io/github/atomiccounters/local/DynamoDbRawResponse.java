package io.github.atomiccounters.local;

/**
 * A DynamoDB response exactly as it came over the wire: the status and the JSON body, untouched, because the
 * local runtime hands both to the integration response mapping (selection patterns match on the status and the
 * templates read the raw body), as API Gateway does.
 */
public record DynamoDbRawResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
