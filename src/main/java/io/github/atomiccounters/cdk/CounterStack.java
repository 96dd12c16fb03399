package io.github.atomiccounters.cdk;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

import java.util.Arrays;
import java.util.List;

/**
 * The deployable stack: one {@link AtomicCounterApi} configured from CDK context options (see the README's
 * table), plus the outputs a caller needs. Environment-agnostic: the same template deploys to any account.
 */
public class CounterStack extends Stack {
    private final AtomicCounterApi counters;

    /**
     * The stack, configured from the CDK context of {@code scope} (the keys of {@link #CONTEXT_KEYS} except
     * {@code stackName}, which {@link CounterApp} reads). Without context it deploys {@link AtomicCounterApi}'s
     * defaults. Adds the outputs {@code ApiUrl} (the stage's base URL) and {@code TableName}.
     *
     * @param scope the app
     * @param id    the stack's id (its name, unless {@code props} names it)
     * @param props stack props, e.g. a description or an environment
     * @throws IllegalArgumentException when a context option is invalid (an unknown {@code auth}, a number that is
     *         not one, {@code auth=cognito} without {@code cognitoUserPoolArn}) or the props it makes are, as
     *         {@link AtomicCounterApi#AtomicCounterApi(Construct, String, AtomicCounterApiProps)} checks them
     */
    public CounterStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        AtomicCounterApiProps.Builder builder = AtomicCounterApiProps.builder();
        AuthMode auth = AuthMode.parse(context("auth", "iam"));
        builder.authMode(auth);
        if (auth == AuthMode.COGNITO) {
            String poolArn = context("cognitoUserPoolArn", null);
            if (poolArn == null) {
                throw new IllegalArgumentException("cognitoUserPoolArn: required with auth=cognito, e.g. "
                        + "-c cognitoUserPoolArn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc");
            }
            builder.userPool(UserPool.fromUserPoolArn(this, "UserPool", poolArn));
        }
        String existingTable = context("existingTableName", null);
        if (existingTable != null) {
            builder.table(Table.fromTableName(this, "ExistingTable", existingTable))
                    .partitionKeyName(context("partitionKey", "pk"))
                    .sortKeyName(context("sortKey", "sk"));
        }
        builder.sortKeyValue(context("sortKeyValue", "counter"))
                .valueAttributeName(context("valueAttribute", "value"))
                .stageName(context("stageName", "v1"))
                .shardCount(number("shardCount", 10))
                .throttlingRateLimit(number("throttleRate", 100))
                .throttlingBurstLimit(number("throttleBurst", 200))
                .apiKeyRateLimit(number("apiKeyRate", 10))
                .apiKeyBurstLimit(number("apiKeyBurst", 20))
                .apiKeyQuotaPerDay(number("apiKeyQuotaPerDay", 100_000))
                .cloudWatchRole(Boolean.parseBoolean(context("cloudWatchRole", "true")));
        String cors = context("corsOrigins", "");
        if (!cors.isBlank()) {
            builder.corsAllowOrigins(Arrays.stream(cors.split(",")).map(String::trim).toList());
        }
        this.counters = new AtomicCounterApi(this, "Counters", builder.build());

        CfnOutput.Builder.create(this, "ApiUrl")
                .description("Base URL of the counter API, stage included")
                .value(counters.getApi().getUrl())
                .build();
        CfnOutput.Builder.create(this, "TableName")
                .description("DynamoDB table holding the counters")
                .value(counters.getTable().getTableName())
                .build();
    }

    /**
     * The counters construct (id {@code Counters}), for grants and outputs of your own.
     *
     * @return the stack's {@link AtomicCounterApi}
     */
    public AtomicCounterApi getCounters() {
        return counters;
    }

    private String context(String key, String fallback) {
        Object value = getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private Number number(String key, Number fallback) {
        String text = context(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number but got '" + text + "'");
        }
    }

    /** The context keys this stack reads, for docs and for the CLI's help. */
    public static final List<String> CONTEXT_KEYS = List.of("auth", "cognitoUserPoolArn", "existingTableName",
            "partitionKey", "sortKey", "sortKeyValue", "stageName", "throttleRate", "throttleBurst", "apiKeyRate",
            "apiKeyBurst", "apiKeyQuotaPerDay", "cloudWatchRole", "corsOrigins", "shardCount", "valueAttribute",
            "stackName");
}
