package io.github.atomiccounters.testing;

import io.github.atomiccounters.local.LocalRuntime;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counter table of a runtime, read directly from DynamoDB Local (strongly consistent). Always by key, page
 * after page: a scan of a table that other tests share reads a partial page as soon as it passes 1 MB (one
 * test writes a ~400 KB item), and "nothing changed" would then compare partial pages.
 */
public final class Items {
    private Items() {
    }

    public static String table(LocalRuntime runtime) {
        return runtime.model().api().stageVariables().get("tableName");
    }

    /** Every item whose partition key is {@code name}: a counter, its windows, shards and markers. */
    public static List<Map<String, AttributeValue>> of(LocalRuntime runtime, String name) {
        String pk = runtime.model().api().stageVariables().get("partitionKey");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        runtime.dynamoDb().client().queryPaginator(q -> q.tableName(table(runtime)).consistentRead(true)
                        .keyConditionExpression("#pk = :n").expressionAttributeNames(Map.of("#pk", pk))
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items().forEach(items::add);
        return items;
    }

    /** The item of the plain counter {@code name}, or null. */
    public static Map<String, AttributeValue> counter(LocalRuntime runtime, String name) {
        Map<String, String> vars = runtime.model().api().stageVariables();
        Map<String, AttributeValue> key = vars.getOrDefault("sortKey", "").isEmpty()
                ? Map.of(vars.get("partitionKey"), AttributeValue.fromS(name))
                : Map.of(vars.get("partitionKey"), AttributeValue.fromS(name),
                        vars.get("sortKey"), AttributeValue.fromS(vars.get("sortKeyValue")));
        var response = runtime.dynamoDb().client().getItem(g -> g.tableName(table(runtime)).key(key)
                .consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }
}
