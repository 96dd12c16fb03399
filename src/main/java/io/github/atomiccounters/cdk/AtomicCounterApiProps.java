package io.github.atomiccounters.cdk;

import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.dynamodb.ITable;
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
    private final RetentionDays accessLogRetention;
    private final boolean cloudWatchRole;
    private final Number shardCount;

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
        this.accessLogRetention = b.accessLogRetention;
        this.cloudWatchRole = b.cloudWatchRole;
        this.shardCount = b.shardCount;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An existing table to keep counters in. Its TTL is its owner's: enable it on {@code expiresAt}
     * ({@link AtomicCounterApi#TTL_ATTRIBUTE}) so that rate-limit windows and idempotency markers are deleted once
     * expired (answers never depend on it; synthesis warns as a reminder).
     * @default a new table (pk/sk strings, on-demand, PITR, retained, TTL on expiresAt)
     */
    public ITable getTable() {
        return table;
    }

    /** Partition key attribute of an existing table. @default "pk" */
    public String getPartitionKeyName() {
        return partitionKeyName;
    }

    /** Sort key attribute of an existing table; "" for a table without a sort key. @default "sk" */
    public String getSortKeyName() {
        return sortKeyName;
    }

    /**
     * The attribute that holds a counter's value, so that an existing table's own attribute is used (e.g. the seed
     * blog's {@code counterValue}). Windows and shards keep their value in it too.
     * @default "value"
     */
    public String getValueAttributeName() {
        return valueAttributeName;
    }

    /** The sort key value of a counter's item. @default "counter" */
    public String getSortKeyValue() {
        return sortKeyValue;
    }

    /** How callers authenticate. @default AuthMode.IAM */
    public AuthMode getAuthMode() {
        return authMode;
    }

    /** The user pool whose tokens are accepted; required with AuthMode.COGNITO. @default none */
    public IUserPool getUserPool() {
        return userPool;
    }

    /** Usage plan steady rate per API key (requests/s), with AuthMode.API_KEY. @default 10 */
    public Number getApiKeyRateLimit() {
        return apiKeyRateLimit;
    }

    /** Usage plan burst per API key, with AuthMode.API_KEY. @default 20 */
    public Number getApiKeyBurstLimit() {
        return apiKeyBurstLimit;
    }

    /** Usage plan requests per day per API key, with AuthMode.API_KEY. @default 100000 */
    public Number getApiKeyQuotaPerDay() {
        return apiKeyQuotaPerDay;
    }

    /**
     * Items a sharded counter ({@code /counters/{name}/shards}) spreads its writes over: an integer from 1 to
     * 100. Each shard takes up to 1,000 writes/s; a read sums them all (one Query reading N items).
     * @default 10
     */
    public Number getShardCount() {
        return shardCount;
    }

    /** Stage-wide steady request rate (requests/s). @default 100 */
    public Number getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /** Stage-wide burst. @default 200 */
    public Number getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /** Origins allowed by CORS: one origin, or "*". @default no CORS headers */
    public List<String> getCorsAllowOrigins() {
        return corsAllowOrigins;
    }

    /** The stage name, first segment of every URL path. @default "v1" */
    public String getStageName() {
        return stageName;
    }

    /** Retention of the JSON access log group. @default RetentionDays.ONE_YEAR */
    public RetentionDays getAccessLogRetention() {
        return accessLogRetention;
    }

    /**
     * Whether to create the account-wide role API Gateway needs to write execution logs. Turn it off when the
     * account already has one. @default true
     */
    public boolean isCloudWatchRole() {
        return cloudWatchRole;
    }

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
        private RetentionDays accessLogRetention = RetentionDays.ONE_YEAR;
        private boolean cloudWatchRole = true;
        private Number shardCount = 10;

        private Builder() {
        }

        public Builder table(ITable table) {
            this.table = table;
            return this;
        }

        public Builder partitionKeyName(String partitionKeyName) {
            this.partitionKeyName = partitionKeyName;
            return this;
        }

        public Builder sortKeyName(String sortKeyName) {
            this.sortKeyName = sortKeyName;
            return this;
        }

        public Builder valueAttributeName(String valueAttributeName) {
            this.valueAttributeName = valueAttributeName;
            return this;
        }

        public Builder sortKeyValue(String sortKeyValue) {
            this.sortKeyValue = sortKeyValue;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        public Builder userPool(IUserPool userPool) {
            this.userPool = userPool;
            return this;
        }

        public Builder apiKeyRateLimit(Number apiKeyRateLimit) {
            this.apiKeyRateLimit = apiKeyRateLimit;
            return this;
        }

        public Builder apiKeyBurstLimit(Number apiKeyBurstLimit) {
            this.apiKeyBurstLimit = apiKeyBurstLimit;
            return this;
        }

        public Builder apiKeyQuotaPerDay(Number apiKeyQuotaPerDay) {
            this.apiKeyQuotaPerDay = apiKeyQuotaPerDay;
            return this;
        }

        public Builder shardCount(Number shardCount) {
            this.shardCount = shardCount;
            return this;
        }

        public Builder throttlingRateLimit(Number throttlingRateLimit) {
            this.throttlingRateLimit = throttlingRateLimit;
            return this;
        }

        public Builder throttlingBurstLimit(Number throttlingBurstLimit) {
            this.throttlingBurstLimit = throttlingBurstLimit;
            return this;
        }

        public Builder corsAllowOrigins(List<String> corsAllowOrigins) {
            this.corsAllowOrigins = corsAllowOrigins == null ? List.of() : corsAllowOrigins;
            return this;
        }

        public Builder stageName(String stageName) {
            this.stageName = stageName;
            return this;
        }

        public Builder accessLogRetention(RetentionDays accessLogRetention) {
            this.accessLogRetention = accessLogRetention;
            return this;
        }

        public Builder cloudWatchRole(boolean cloudWatchRole) {
            this.cloudWatchRole = cloudWatchRole;
            return this;
        }

        public AtomicCounterApiProps build() {
            return new AtomicCounterApiProps(this);
        }
    }
}
