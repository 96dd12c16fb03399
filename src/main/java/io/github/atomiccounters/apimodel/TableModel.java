package io.github.atomiccounters.apimodel;

/** A DynamoDB table; {@code sortKey}, {@code sortKeyType} and {@code ttlAttribute} are nullable. Key types are S, N or B. */
public record TableModel(String logicalId, String tableName, String partitionKey, String partitionKeyType,
                         String sortKey, String sortKeyType, String ttlAttribute) {
}
