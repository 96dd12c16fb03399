package io.github.atomiccounters.cdk;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAttributes;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
     * @throws IllegalArgumentException when a context option is invalid (an unknown {@code auth} or
     *         {@code endpointType}, a number that is not one, a flag that is not {@code true} or {@code false}, a
     *         log retention CloudWatch does not offer, {@code auth=cognito} without {@code cognitoUserPoolArn},
     *         {@code domainName} without {@code certificateArn}) or the props it makes are, as
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
                .cloudWatchRole(flag("cloudWatchRole", context("cloudWatchRole", "true")));
        String cors = context("corsOrigins", "");
        if (!cors.isBlank()) {
            builder.corsAllowOrigins(list(cors));
        }
        ownedResources(builder);
        this.counters = new AtomicCounterApi(this, "Counters", builder.build());

        CfnOutput.Builder.create(this, "ApiUrl")
                .description(context("domainName", null) == null ? "Base URL of the counter API, stage included"
                        : "Base URL of the counter API: its custom domain, with the base path")
                .value(counters.getUrl())
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

    /** The options of what the construct owns: alarms, tracing, logs, endpoint, domain, WAF, table, role. */
    private void ownedResources(AtomicCounterApiProps.Builder builder) {
        builder.alarms(flag("alarms", context("alarms", "true")))
                .tracing(flag("tracing", context("tracing", "true")))
                .logRetention(retention(context("logRetentionDays", "365")))
                .contributorInsights(flag("contributorInsights", context("contributorInsights", "false")))
                .deletionProtection(flag("deletionProtection", context("deletionProtection", "false")));
        String topicArn = context("alarmTopicArn", null);
        if (topicArn != null) {
            builder.alarmActions(List.of(new SnsAction(Topic.fromTopicArn(this, "AlarmTopic", topicArn))));
        }
        EndpointType endpoint = endpointType(context("endpointType", "regional"));
        builder.endpointType(endpoint);
        String endpointIds = context("vpcEndpointIds", "");
        if (!endpointIds.isBlank()) {
            List<IVpcEndpoint> endpoints = new ArrayList<>();
            for (String endpointId : list(endpointIds)) {
                endpoints.add(InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(this, endpointId,
                        InterfaceVpcEndpointAttributes.builder().vpcEndpointId(endpointId).port(443).build()));
            }
            builder.vpcEndpoints(endpoints);
        }
        String keyArn = context("encryptionKeyArn", null);
        if (keyArn != null) {
            builder.encryptionKey(Key.fromKeyArn(this, "TableKey", keyArn));
        }
        String domain = context("domainName", null);
        if (domain != null) {
            String certificateArn = context("certificateArn", null);
            if (certificateArn == null) {
                throw new IllegalArgumentException("certificateArn: required with domainName, the ARN of an ACM "
                        + "certificate for " + domain + " (in us-east-1 with endpointType=edge)");
            }
            builder.domainName(DomainNameOptions.builder()
                    .domainName(domain)
                    .certificate(Certificate.fromCertificateArn(this, "Certificate", certificateArn))
                    .basePath(context("basePath", null))
                    .endpointType(endpoint)
                    .build());
        }
        builder.webAclArn(context("webAclArn", null));
        String roleArn = context("integrationRoleArn", null);
        if (roleArn != null) {
            builder.integrationRole(Role.fromRoleArn(this, "IntegrationRole", roleArn));
        }
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static boolean flag(String key, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": expected true or false but got '" + text + "'");
        };
    }

    private static EndpointType endpointType(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "regional" -> EndpointType.REGIONAL;
            case "edge" -> EndpointType.EDGE;
            case "private" -> EndpointType.PRIVATE;
            default -> throw new IllegalArgumentException("endpointType: expected one of regional, edge, private but "
                    + "got '" + text + "'");
        };
    }

    /** The retentions CloudWatch Logs offers, in days, in the order of {@link RetentionDays} (INFINITE aside). */
    private static final int[] RETENTION_DAYS = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
        1827, 2192, 2557, 2922, 3288, 3653};

    private static RetentionDays retention(String text) {
        Map<String, RetentionDays> byDays = new LinkedHashMap<>();
        List<RetentionDays> finite = Arrays.stream(RetentionDays.values()).filter(r -> r != RetentionDays.INFINITE)
                .toList();
        for (int i = 0; i < RETENTION_DAYS.length; i++) {
            byDays.put(Integer.toString(RETENTION_DAYS[i]), finite.get(i));
        }
        byDays.put("infinite", RetentionDays.INFINITE);
        RetentionDays retention = byDays.get(text.trim().toLowerCase(Locale.ROOT));
        if (retention == null) {
            throw new IllegalArgumentException("logRetentionDays: expected one of " + String.join(", ",
                    byDays.keySet()) + " but got '" + text + "'");
        }
        return retention;
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
            "alarms", "alarmTopicArn", "tracing", "logRetentionDays", "endpointType", "vpcEndpointIds",
            "encryptionKeyArn", "contributorInsights", "deletionProtection", "domainName", "certificateArn",
            "basePath", "webAclArn", "integrationRoleArn", "stackName");
}
