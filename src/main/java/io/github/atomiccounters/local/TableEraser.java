package io.github.atomiccounters.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Empties the tables of a DynamoDB Local between tests: every item deleted, the tables kept (their keys and TTL
 * setting stay as the runtime created them, and nothing has to wait for a table to become active again). Used by
 * the JUnit extension and by the docs' tests.
 */
public final class TableEraser {
    private static final int BATCH = 25;  // BatchWriteItem's maximum

    private TableEraser() {
    }

    /** Deletes every item of every table, page by page, 25 keys a call; returns how many. */
    public static int deleteEveryItem(DynamoDbClient dynamo) {
        int deleted = 0;
        for (String table : dynamo.listTablesPaginator(r -> { }).tableNames()) {
            List<KeySchemaElement> keys = dynamo.describeTable(d -> d.tableName(table)).table().keySchema();
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                names.put("#k" + i, keys.get(i).attributeName());
            }
            List<WriteRequest> batch = new ArrayList<>();
            // only the keys are read: an item can be up to 400 KB
            for (Map<String, AttributeValue> key : dynamo.scanPaginator(s -> s.tableName(table).consistentRead(true)
                    .projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names)).items()) {
                batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
                if (batch.size() == BATCH) {
                    write(dynamo, table, batch);
                    deleted += batch.size();
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                write(dynamo, table, batch);
                deleted += batch.size();
            }
        }
        return deleted;
    }

    private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
