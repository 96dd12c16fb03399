package io.github.atomiccounters.cdk;

import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

import java.util.List;

/**
 * Props of {@link AtomicCounterApi}. Every prop is optional; the defaults are the secure ones. Build with
 * {@link #builder()}; {@link AtomicCounterApi} validates them and names the offending prop.
 */
public final class AtomicCounterApiProps {
    private final ITable table;
    private final String valueAttributeName;
    private final String partitionKeyName;
    private final String sortKeyName;
    private final String sortKeyValue;
    private final AuthMode authMode;
    private final IUserPool userPool;
    private final Number apiKeyRateLimit;
    private final Number apiKeyBurstLimit;
    private final Number apiKeyQuotaPerDay;
    private final Number throttlingRateLimit;
    private final Number throttlingBurstLimit;
    private final List<String> corsAllowOrigins;
    private final String stageName;
    private final RetentionDays logRetention;
    private final boolean cloudWatchRole;
    private final Number shardCount;
    private final IRole integrationRole;
    private final boolean alarms;
    private final List<IAlarmAction> alarmActions;
    private final EndpointType endpointType;
    private final List<IVpcEndpoint> vpcEndpoints;
    private final boolean tracing;
    private final IKey encryptionKey;
    private final boolean contributorInsights;
    private final boolean deletionProtection;
    private final DomainNameOptions domainName;
    private final String webAclArn;

    private AtomicCounterApiProps(Builder b) {
        this.table = b.table;
        this.valueAttributeName = b.valueAttributeName;
        this.partitionKeyName = b.partitionKeyName;
        this.sortKeyName = b.sortKeyName;
        this.sortKeyValue = b.sortKeyValue;
        this.authMode = b.authMode;
        this.userPool = b.userPool;
        this.apiKeyRateLimit = b.apiKeyRateLimit;
        this.apiKeyBurstLimit = b.apiKeyBurstLimit;
        this.apiKeyQuotaPerDay = b.apiKeyQuotaPerDay;
        this.throttlingRateLimit = b.throttlingRateLimit;
        this.throttlingBurstLimit = b.throttlingBurstLimit;
        this.corsAllowOrigins = List.copyOf(b.corsAllowOrigins);
        this.stageName = b.stageName;
        this.logRetention = b.logRetention;
        this.cloudWatchRole = b.cloudWatchRole;
        this.shardCount = b.shardCount;
        this.integrationRole = b.integrationRole;
        this.alarms = b.alarms;
        this.alarmActions = List.copyOf(b.alarmActions);
        this.endpointType = b.endpointType;
        this.vpcEndpoints = List.copyOf(b.vpcEndpoints);
        this.tracing = b.tracing;
        this.encryptionKey = b.encryptionKey;
        this.contributorInsights = b.contributorInsights;
        this.deletionProtection = b.deletionProtection;
        this.domainName = b.domainName;
        this.webAclArn = b.webAclArn;
    }

    /**
     * A builder with every default set; {@link Builder#build()} returns the props. Validation happens in
     * {@link AtomicCounterApi#AtomicCounterApi(software.constructs.Construct, String, AtomicCounterApiProps)}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An existing table to keep counters in, instead of a new one. Its key names are then
     * {@link #getPartitionKeyName()} and {@link #getSortKeyName()}. Its TTL is its owner's: enable it on
     * {@code expiresAt} ({@link AtomicCounterApi#TTL_ATTRIBUTE}) so that rate-limit windows and idempotency markers
     * are deleted once expired (answers never depend on it; synthesis warns as a reminder).
     *
     * @return the existing table, or null for a new one
     * @default a new table: {@code pk}/{@code sk} strings, on demand, point-in-time recovery, kept on delete and
     *          replacement but removed by a rolled-back create ({@code RETAIN_ON_UPDATE_OR_DELETE}), AWS-managed
     *          encryption, TTL on {@code expiresAt}
     */
    public ITable getTable() {
        return table;
    }

    /**
     * Partition key attribute of an existing table (a string key); a counter's item has its name there. Only with
     * {@link #getTable()}: the created table is keyed {@code pk}.
     *
     * @return the partition key's attribute name
     * @default {@code "pk"}
     */
    public String getPartitionKeyName() {
        return partitionKeyName;
    }

    /**
     * Sort key attribute of an existing table (a string key), or {@code ""} for a table without a sort key (then
     * updates with an {@code Idempotency-Key}, rate-limit windows and sharded counters answer 400: each needs items
     * of its own beside the counter's). Only with {@link #getTable()}: the created table is keyed {@code sk}.
     *
     * @return the sort key's attribute name, or {@code ""} for none
     * @default {@code "sk"}
     */
    public String getSortKeyName() {
        return sortKeyName;
    }

    /**
     * The attribute that holds a counter's value, so that an existing table's own attribute is used (e.g. the seed
     * blog's {@code counterValue}). Windows and shards keep their value in it too. It must not be a key attribute
     * or one of {@link AtomicCounterApi#RESERVED_ATTRIBUTES}.
     *
     * @return the value attribute's name
     * @default {@code "value"}
     */
    public String getValueAttributeName() {
        return valueAttributeName;
    }

    /**
     * The sort key value of a counter's item: counter {@code likes} is the item {@code pk=likes, sk=<this>}.
     * Ignored for a table without a sort key.
     *
     * @return the sort key value of counter items
     * @default {@code "counter"}
     */
    public String getSortKeyValue() {
        return sortKeyValue;
    }

    /**
     * How callers authenticate: every method of the API gets the same authorization.
     *
     * @return the auth mode
     * @default {@link AuthMode#IAM}
     */
    public AuthMode getAuthMode() {
        return authMode;
    }

    /**
     * The Cognito user pool whose ID tokens are accepted; required with {@link AuthMode#COGNITO} and refused
     * without it.
     *
     * @return the user pool, or null
     * @default none
     */
    public IUserPool getUserPool() {
        return userPool;
    }

    /**
     * Usage plan steady rate per API key (requests/s), with {@link AuthMode#API_KEY}; ignored otherwise.
     *
     * @return the rate limit, greater than 0
     * @default 10
     */
    public Number getApiKeyRateLimit() {
        return apiKeyRateLimit;
    }

    /**
     * Usage plan burst per API key (requests), with {@link AuthMode#API_KEY}; ignored otherwise.
     *
     * @return the burst limit, a whole number from 1 (API Gateway takes an integer)
     * @default 20
     */
    public Number getApiKeyBurstLimit() {
        return apiKeyBurstLimit;
    }

    /**
     * Usage plan requests per day per API key, with {@link AuthMode#API_KEY}; ignored otherwise. A key past it
     * gets 429 {@code QuotaExceeded}.
     *
     * @return the daily quota, a whole number from 1 (API Gateway takes an integer)
     * @default 100000
     */
    public Number getApiKeyQuotaPerDay() {
        return apiKeyQuotaPerDay;
    }

    /**
     * Items a sharded counter ({@code /counters/{name}/shards}) spreads its writes over: an integer from 1 to
     * 100. Each shard takes up to 1,000 writes/s; a read sums them all (one Query reading N items).
     *
     * @return the number of shards
     * @default 10
     */
    public Number getShardCount() {
        return shardCount;
    }

    /**
     * Stage-wide steady request rate (requests/s) over all callers; beyond it API Gateway answers 429
     * {@code Throttled}.
     *
     * @return the stage's rate limit, greater than 0
     * @default 100
     */
    public Number getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /**
     * Stage-wide burst (requests) over all callers.
     *
     * @return the stage's burst limit, a whole number from 1 (API Gateway takes an integer)
     * @default 200
     */
    public Number getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /**
     * Origins allowed by CORS: one origin ({@code https://app.example.com}) or {@code "*"}. With one, every
     * answer (errors included) carries {@code Access-Control-Allow-Origin} and the API answers preflight
     * {@code OPTIONS} requests; empty sends no CORS headers.
     *
     * @return the allowed origins, never null, at most one
     * @default empty: no CORS headers
     */
    public List<String> getCorsAllowOrigins() {
        return corsAllowOrigins;
    }

    /**
     * The stage name, the first segment of every URL path ({@code https://.../v1/counters/likes}): 1 to 128
     * letters, digits, {@code -} and {@code _}, as API Gateway accepts them.
     *
     * @return the stage name
     * @default {@code "v1"}
     */
    public String getStageName() {
        return stageName;
    }

    /**
     * Retention of the stage's JSON access log group (the log group itself is retained when the stack is deleted).
     *
     * @return the retention
     * @default {@link RetentionDays#ONE_YEAR}
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * The former name of {@link #getLogRetention()}: the same prop.
     *
     * @return the retention
     * @default {@link RetentionDays#ONE_YEAR}
     * @deprecated use {@link #getLogRetention()}; this name goes in a future release
     */
    @Deprecated
    public RetentionDays getAccessLogRetention() {
        return logRetention;
    }

    /**
     * Whether to create the account-wide role API Gateway needs to write logs, and the account setting that names
     * it. Turn it off only when the account and region already have that setting: the stage logs, and API Gateway
     * refuses a logging stage without it (synthesis warns; the deploy rule {@code Deploy-LoggingRole} is
     * acknowledged with that reason).
     *
     * @return true to create the role
     * @default true
     */
    public boolean isCloudWatchRole() {
        return cloudWatchRole;
    }

    /**
     * A role of yours for API Gateway to assume when it calls DynamoDB, instead of one the construct creates (for
     * permission boundaries or pre-approved roles). Its trust policy must let {@code apigateway.amazonaws.com}
     * assume it. The construct adds its statements to it (one per DynamoDB action, on the table's ARN only, plus
     * the key's with {@link #getEncryptionKey()}); a role imported with {@code mutable(false)} takes none, so attach
     * {@link AtomicCounterApi#getIntegrationPolicyStatements()} to it yourself.
     *
     * @return the role, or null for one the construct creates
     * @default a new role (child {@code IntegrationRole}) with exactly those statements
     */
    public IRole getIntegrationRole() {
        return integrationRole;
    }

    /**
     * Whether to create the construct's alarms: 5XX answers (any in 5 minutes), p99 latency above 1 s for 15
     * minutes, and DynamoDB throttling (any in 5 minutes). Turn them off to build your own from the construct's
     * {@code metricXxx()} methods.
     *
     * @return true to create them
     * @default true
     */
    public boolean isAlarms() {
        return alarms;
    }

    /**
     * What each alarm does when it fires, e.g. {@code new SnsAction(topic)} to notify an SNS topic. Only with
     * {@link #isAlarms()}.
     *
     * @return the actions, never null
     * @default none: the alarms only change state
     */
    public List<IAlarmAction> getAlarmActions() {
        return alarmActions;
    }

    /**
     * Where the API is reachable: {@code REGIONAL}, {@code EDGE} (through CloudFront's edge locations) or
     * {@code PRIVATE} (only from your VPCs, through the interface VPC endpoints of {@link #getVpcEndpoints()}; the
     * API then gets a resource policy that denies every call not coming through one of them).
     *
     * @return the endpoint type
     * @default {@link EndpointType#REGIONAL}
     */
    public EndpointType getEndpointType() {
        return endpointType;
    }

    /**
     * The interface VPC endpoints ({@code com.amazonaws.REGION.execute-api}) a {@link EndpointType#PRIVATE} API is
     * called through: required with it, refused without it.
     *
     * @return the endpoints, never null
     * @default none
     */
    public List<IVpcEndpoint> getVpcEndpoints() {
        return vpcEndpoints;
    }

    /**
     * Whether the stage sends traces to AWS X-Ray.
     *
     * @return true to trace
     * @default true
     */
    public boolean isTracing() {
        return tracing;
    }

    /**
     * A customer-managed KMS key to encrypt the table the construct creates; refused with an existing
     * {@link #getTable() table} (its encryption is its owner's). The integration role may then use the key through
     * DynamoDB only ({@code kms:ViaService}).
     *
     * @return the key, or null
     * @default the AWS managed key for DynamoDB ({@code alias/aws/dynamodb})
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * Whether CloudWatch Contributor Insights runs on the table the construct creates: it names the most accessed
     * and most throttled keys, which here are the hottest counters (it is billed per event). Refused with an
     * existing {@link #getTable() table}.
     *
     * @return true to enable it
     * @default false
     */
    public boolean isContributorInsights() {
        return contributorInsights;
    }

    /**
     * Whether the table the construct creates has DynamoDB deletion protection. Turn it on once the first deploy
     * has succeeded: a protected table cannot be deleted by anyone, so the rollback of a failed first deploy could
     * not remove it and would fail itself. The table is kept on stack deletion and on replacement either way
     * ({@code RETAIN_ON_UPDATE_OR_DELETE}). Refused with an existing {@link #getTable() table}.
     *
     * @return true to protect the table
     * @default false
     */
    public boolean isDeletionProtection() {
        return deletionProtection;
    }

    /**
     * A custom domain name for the API: the name, its ACM certificate (in {@code us-east-1} for an edge-optimized
     * domain, in the stack's region for a regional one) and optionally a base path. Callers then use
     * {@code https://<name>/<basePath>/counters/...}: the base path replaces the stage name in the URL
     * ({@link AtomicCounterApi#getUrl()}), while IAM policies keep naming the stage
     * ({@code .../<stage>/GET/counters/...}). Point a DNS record at the domain's alias target yourself. Refused
     * with a {@link EndpointType#PRIVATE} API.
     *
     * @return the domain, or null
     * @default none: callers use the {@code execute-api} URL with the stage
     */
    public DomainNameOptions getDomainName() {
        return domainName;
    }

    /**
     * The ARN of an AWS WAF web ACL to associate with the stage. It must be a regional web ACL (scope
     * {@code REGIONAL}: {@code arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID}); synthesis refuses a
     * CloudFront one. With it, cdk-nag's AwsSolutions-APIG3 needs no acknowledgment.
     *
     * @return the web ACL's ARN, or null
     * @default none
     */
    public String getWebAclArn() {
        return webAclArn;
    }

    /**
     * Builds {@link AtomicCounterApiProps}. Every setting is optional and starts at its default; each setter
     * replaces the previous value and returns this builder. Not thread-safe.
     */
    public static final class Builder {
        private ITable table;
        private String valueAttributeName = "value";
        private String partitionKeyName = "pk";
        private String sortKeyName = "sk";
        private String sortKeyValue = "counter";
        private AuthMode authMode = AuthMode.IAM;
        private IUserPool userPool;
        private Number apiKeyRateLimit = 10;
        private Number apiKeyBurstLimit = 20;
        private Number apiKeyQuotaPerDay = 100_000;
        private Number throttlingRateLimit = 100;
        private Number throttlingBurstLimit = 200;
        private List<String> corsAllowOrigins = List.of();
        private String stageName = "v1";
        private RetentionDays logRetention = RetentionDays.ONE_YEAR;
        private boolean cloudWatchRole = true;
        private Number shardCount = 10;
        private IRole integrationRole;
        private boolean alarms = true;
        private List<IAlarmAction> alarmActions = List.of();
        private EndpointType endpointType = EndpointType.REGIONAL;
        private List<IVpcEndpoint> vpcEndpoints = List.of();
        private boolean tracing = true;
        private IKey encryptionKey;
        private boolean contributorInsights;
        private boolean deletionProtection;
        private DomainNameOptions domainName;
        private String webAclArn;

        private Builder() {
        }

        /**
         * An existing table to keep counters in, instead of a new one; see {@link AtomicCounterApiProps#getTable()}.
         *
         * @param table the existing table, or null for a new one
         * @return this builder
         * @default a new table
         */
        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        /**
         * Partition key attribute of the existing {@link #table(ITable) table}.
         *
         * @param partitionKeyName the attribute name (1-255 characters of {@code A-Z a-z 0-9 _ . -})
         * @return this builder
         * @default {@code "pk"}
         */
        public Builder partitionKeyName(String partitionKeyName) {
            this.partitionKeyName = partitionKeyName;
            return this;
        }

        /**
         * Sort key attribute of the existing {@link #table(ITable) table}, or {@code ""} for a table without a sort
         * key.
         *
         * @param sortKeyName the attribute name, or {@code ""}
         * @return this builder
         * @default {@code "sk"}
         */
        public Builder sortKeyName(String sortKeyName) {
            this.sortKeyName = sortKeyName;
            return this;
        }

        /**
         * The attribute that holds a counter's value; see {@link AtomicCounterApiProps#getValueAttributeName()}.
         *
         * @param valueAttributeName the attribute name, neither a key nor one of {@link
         *        AtomicCounterApi#RESERVED_ATTRIBUTES}
         * @return this builder
         * @default {@code "value"}
         */
        public Builder valueAttributeName(String valueAttributeName) {
            this.valueAttributeName = valueAttributeName;
            return this;
        }

        /**
         * The sort key value of a counter's item.
         *
         * @param sortKeyValue the value (1-255 characters of {@code A-Z a-z 0-9 _ . -})
         * @return this builder
         * @default {@code "counter"}
         */
        public Builder sortKeyValue(String sortKeyValue) {
            this.sortKeyValue = sortKeyValue;
            return this;
        }

        /**
         * How callers authenticate. {@link AuthMode#COGNITO} also needs {@link #userPool(IUserPool)}.
         *
         * @param authMode the auth mode, not null
         * @return this builder
         * @default {@link AuthMode#IAM}
         */
        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        /**
         * The Cognito user pool whose ID tokens are accepted: required with {@link AuthMode#COGNITO}, refused
         * otherwise.
         *
         * @param userPool the user pool
         * @return this builder
         * @default none
         */
        public Builder userPool(IUserPool userPool) {
            this.userPool = userPool;
            return this;
        }

        /**
         * Usage plan steady rate per API key (requests/s), with {@link AuthMode#API_KEY}.
         *
         * @param apiKeyRateLimit the rate, greater than 0
         * @return this builder
         * @default 10
         */
        public Builder apiKeyRateLimit(Number apiKeyRateLimit) {
            this.apiKeyRateLimit = apiKeyRateLimit;
            return this;
        }

        /**
         * Usage plan burst per API key (requests), with {@link AuthMode#API_KEY}.
         *
         * @param apiKeyBurstLimit the burst, a whole number from 1
         * @return this builder
         * @default 20
         */
        public Builder apiKeyBurstLimit(Number apiKeyBurstLimit) {
            this.apiKeyBurstLimit = apiKeyBurstLimit;
            return this;
        }

        /**
         * Usage plan requests per day per API key, with {@link AuthMode#API_KEY}.
         *
         * @param apiKeyQuotaPerDay the daily quota, a whole number from 1
         * @return this builder
         * @default 100000
         */
        public Builder apiKeyQuotaPerDay(Number apiKeyQuotaPerDay) {
            this.apiKeyQuotaPerDay = apiKeyQuotaPerDay;
            return this;
        }

        /**
         * Items a sharded counter spreads its writes over; see {@link AtomicCounterApiProps#getShardCount()}.
         *
         * @param shardCount an integer from 1 to 100
         * @return this builder
         * @default 10
         */
        public Builder shardCount(Number shardCount) {
            this.shardCount = shardCount;
            return this;
        }

        /**
         * Stage-wide steady request rate (requests/s).
         *
         * @param throttlingRateLimit the rate, greater than 0
         * @return this builder
         * @default 100
         */
        public Builder throttlingRateLimit(Number throttlingRateLimit) {
            this.throttlingRateLimit = throttlingRateLimit;
            return this;
        }

        /**
         * Stage-wide burst (requests).
         *
         * @param throttlingBurstLimit the burst, a whole number from 1
         * @return this builder
         * @default 200
         */
        public Builder throttlingBurstLimit(Number throttlingBurstLimit) {
            this.throttlingBurstLimit = throttlingBurstLimit;
            return this;
        }

        /**
         * Origins allowed by CORS: one origin or {@code "*"}; see {@link AtomicCounterApiProps#getCorsAllowOrigins()}.
         *
         * @param corsAllowOrigins the origins; null or empty for no CORS headers
         * @return this builder
         * @default empty: no CORS headers
         */
        public Builder corsAllowOrigins(List<String> corsAllowOrigins) {
            this.corsAllowOrigins = corsAllowOrigins == null ? List.of() : corsAllowOrigins;
            return this;
        }

        /**
         * The stage name, the first segment of every URL path.
         *
         * @param stageName the name (1-128 characters of {@code A-Z a-z 0-9 _ -})
         * @return this builder
         * @default {@code "v1"}
         */
        public Builder stageName(String stageName) {
            this.stageName = stageName;
            return this;
        }

        /**
         * Retention of the stage's JSON access log group.
         *
         * @param logRetention the retention, not null
         * @return this builder
         * @default {@link RetentionDays#ONE_YEAR}
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /**
         * The former name of {@link #logRetention(RetentionDays)}: sets the same prop.
         *
         * @param accessLogRetention the retention, not null
         * @return this builder
         * @default {@link RetentionDays#ONE_YEAR}
         * @deprecated use {@link #logRetention(RetentionDays)}; this name goes in a future release
         */
        @Deprecated
        public Builder accessLogRetention(RetentionDays accessLogRetention) {
            return logRetention(accessLogRetention);
        }

        /**
         * Whether to create the account-wide role API Gateway needs to write logs; false only when the account
         * already has it (see {@link AtomicCounterApiProps#isCloudWatchRole()}).
         *
         * @param cloudWatchRole true to create it
         * @return this builder
         * @default true
         */
        public Builder cloudWatchRole(boolean cloudWatchRole) {
            this.cloudWatchRole = cloudWatchRole;
            return this;
        }

        /**
         * A role of yours for the integrations, instead of a new one; see
         * {@link AtomicCounterApiProps#getIntegrationRole()}.
         *
         * @param integrationRole a role {@code apigateway.amazonaws.com} may assume, or null for a new one
         * @return this builder
         * @default a new role
         */
        public Builder integrationRole(IRole integrationRole) {
            this.integrationRole = integrationRole;
            return this;
        }

        /**
         * Whether to create the construct's alarms; see {@link AtomicCounterApiProps#isAlarms()}.
         *
         * @param alarms false for none
         * @return this builder
         * @default true
         */
        public Builder alarms(boolean alarms) {
            this.alarms = alarms;
            return this;
        }

        /**
         * What each alarm does when it fires, e.g. {@code new SnsAction(topic)}.
         *
         * @param alarmActions the actions; null or empty for none
         * @return this builder
         * @default none
         */
        public Builder alarmActions(List<? extends IAlarmAction> alarmActions) {
            this.alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
            return this;
        }

        /**
         * Where the API is reachable; {@link EndpointType#PRIVATE} also needs
         * {@link #vpcEndpoints(List) VPC endpoints}.
         *
         * @param endpointType REGIONAL, EDGE or PRIVATE
         * @return this builder
         * @default {@link EndpointType#REGIONAL}
         */
        public Builder endpointType(EndpointType endpointType) {
            this.endpointType = endpointType;
            return this;
        }

        /**
         * The interface VPC endpoints a private API is called through.
         *
         * @param vpcEndpoints the endpoints, with {@link EndpointType#PRIVATE} only
         * @return this builder
         * @default none
         */
        public Builder vpcEndpoints(List<? extends IVpcEndpoint> vpcEndpoints) {
            this.vpcEndpoints = vpcEndpoints == null ? List.of() : List.copyOf(vpcEndpoints);
            return this;
        }

        /**
         * Whether the stage sends traces to AWS X-Ray.
         *
         * @param tracing false for no tracing
         * @return this builder
         * @default true
         */
        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        /**
         * A customer-managed KMS key for the table the construct creates; see
         * {@link AtomicCounterApiProps#getEncryptionKey()}.
         *
         * @param encryptionKey the key, or null for the AWS managed key
         * @return this builder
         * @default the AWS managed key for DynamoDB
         */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * Whether CloudWatch Contributor Insights runs on the table the construct creates.
         *
         * @param contributorInsights true to enable it
         * @return this builder
         * @default false
         */
        public Builder contributorInsights(boolean contributorInsights) {
            this.contributorInsights = contributorInsights;
            return this;
        }

        /**
         * Whether the table the construct creates has deletion protection: turn it on once the first deploy has
         * succeeded; see {@link AtomicCounterApiProps#isDeletionProtection()}.
         *
         * @param deletionProtection true to protect the table
         * @return this builder
         * @default false
         */
        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        /**
         * A custom domain name for the API; see {@link AtomicCounterApiProps#getDomainName()}.
         *
         * @param domainName the name, certificate and optional base path, or null for none
         * @return this builder
         * @default none
         */
        public Builder domainName(DomainNameOptions domainName) {
            this.domainName = domainName;
            return this;
        }

        /**
         * A regional AWS WAF web ACL to associate with the stage; see {@link AtomicCounterApiProps#getWebAclArn()}.
         *
         * @param webAclArn the web ACL's ARN, or null for none
         * @return this builder
         * @default none
         */
        public Builder webAclArn(String webAclArn) {
            this.webAclArn = webAclArn;
            return this;
        }

        /**
         * The props, as set so far. Nothing is validated here: {@link AtomicCounterApi} does that, naming the
         * offending prop.
         *
         * @return immutable props (the lists are copied)
         */
        public AtomicCounterApiProps build() {
            return new AtomicCounterApiProps(this);
        }
    }
}
