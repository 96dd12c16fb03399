package example;

import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.AtomicCounterApiProps;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;

/**
 * Atomic counters on the table of the seed blog post: {@code donation-data}, partition key {@code context}, sort key
 * {@code id}, the counter {@code atomicCounter} at {@code context=atomicCounter, id=id} with its value in
 * {@code counterValue}. POST /counters/atomicCounter/next hands out member ids from it.
 */
public final class SeedTableApp {
    public static void main(String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "SeedTableCounters", StackProps.builder()
                .description("Atomic counters on the seed blog's donation-data table").build());
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
                .table(Table.fromTableName(stack, "Donations", "donation-data"))
                .partitionKeyName("context")
                .sortKeyName("id")
                .sortKeyValue("id")
                .valueAttributeName("counterValue")
                .build());
        CfnOutput.Builder.create(stack, "ApiUrl").value(counters.getApi().getUrl()).build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }
}
