package example;

import io.github.atomiccounters.cdk.AtomicCounterApi;
import io.github.atomiccounters.cdk.AtomicCounterApiProps;
import io.github.atomiccounters.cdk.Route;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * Atomic counters on the table of the seed blog post: {@code donation-data}, partition key {@code context}, sort key
 * {@code id}, the counter {@code atomicCounter} at {@code context=atomicCounter, id=id} with its value in
 * {@code counterValue}. POST /counters/atomicCounter/next hands out member ids from it; the sign-up function's role
 * may call exactly that route of exactly that counter.
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
        Role signup = Role.Builder.create(stack, "SignupRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("The member sign-up function: hands out member ids, nothing else")
                .build();
        counters.grantInvoke(signup, "atomicCounter", Route.NEXT);
        CfnOutput.Builder.create(stack, "ApiUrl").value(counters.getUrl()).build();
        CfnOutput.Builder.create(stack, "SignupRoleArn").value(signup.getRoleArn()).build();
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }
}
