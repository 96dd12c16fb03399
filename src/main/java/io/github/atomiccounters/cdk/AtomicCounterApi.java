package io.github.atomiccounters.cdk;

import io.github.atomiccounters.cdk.rules.DeployRules;
import io.github.atomiccounters.cdk.rules.LoggingRoleRule;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IAuthorizer;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A DynamoDB table of named atomic counters behind an API Gateway REST API whose AWS integrations call DynamoDB
 * directly: every route is one DynamoDB action rendered by the VTL files under {@code velocity-templates/}.
 * No Lambda is in the path. The REST API is this construct's {@code "Resource"} child.
 *
 * <p>With the default props it creates the table (keys {@code pk}/{@code sk}, on demand, point-in-time recovery,
 * retained on delete, TTL on {@code expiresAt}), an IAM-authorized regional REST API with stage
 * {@code v1}, request validation, JSON access logs, throttling, one gateway response per API Gateway error, and
 * alarms on 5XX answers, p99 latency and DynamoDB throttling. {@link AtomicCounterApiProps} says what can be
 * configured, e.g. an existing table:
 *
 * <pre>{@code
 * AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
 *         .table(Table.fromTableName(stack, "Donations", "donation-data"))   // an existing table
 *         .partitionKeyName("context")
 *         .sortKeyName("id")
 *         .valueAttributeName("counterValue")
 *         .build());
 * readerRole.addToPolicy(counters.invokeStatement("GET", "/counters/*"));   // read-only callers
 * }</pre>
 *
 * <p>The construct registers the deploy-rules pack ({@code io.github.atomiccounters.cdk.rules.DeployRules}: what AWS
 * services refuse at deploy time, checked at synthesis) on itself, hashes everything its stage serves into the
 * Deployment's logical id so that every change reaches the stage, and adds cdk-nag suppressions (each with its
 * reason) for the AwsSolutions findings that follow from its design or from the chosen {@link AuthMode}.
 */
public class AtomicCounterApi extends Construct {

    /**
     * One HTTP route: its DynamoDB action, the IAM action that authorizes it (the same, except for a transaction,
     * which DynamoDB authorizes per item action) and the files that map it. Construct ids derive from it.
     *
     * @param path             the resource path below the stage, e.g. {@code /counters/{name}/increment}
     * @param httpMethod       the HTTP method, e.g. {@code POST}
     * @param action           the DynamoDB action the integration calls, e.g. {@code UpdateItem}; a route in
     *                         {@link #ACTION_SWITCHING_ROUTES} may switch to {@code TransactWriteItems} per request
     * @param iamAction        the DynamoDB action (without {@code dynamodb:}) the integration role is granted for it
     * @param requestTemplate  the request mapping template, relative to {@code velocity-templates/}
     * @param responseTemplate the mapping template of the success answer, relative to {@code velocity-templates/}
     * @param model            the JSON Schema (draft 4) of the request body, relative to {@code velocity-templates/},
     *                         or null for a route without a body
     * @param successStatus    the status of the success answer, {@code "200"} or {@code "204"}
     */
    public record Route(String path, String httpMethod, String action, String iamAction, String requestTemplate,
                        String responseTemplate, String model, String successStatus) {
    }

    /** The v1 API. Changing a route's path, method or files changes the public contract. */
    public static final List<Route> ROUTES = List.of(
            new Route("/counters/{name}", "GET", "GetItem", "GetItem", "request/get.vtl", "response/get.vtl", null,
                    "200"),
            new Route("/counters/{name}", "PUT", "UpdateItem", "UpdateItem", "request/put.vtl", "response/put.vtl",
                    "models/put.json", "200"),
            new Route("/counters/{name}", "DELETE", "DeleteItem", "DeleteItem", "request/delete.vtl",
                    "response/delete.vtl", null, "204"),
            new Route("/counters/{name}/increment", "POST", "UpdateItem", "UpdateItem", "request/increment.vtl",
                    "response/update.vtl", "models/increment.json", "200"),
            new Route("/counters/{name}/decrement", "POST", "UpdateItem", "UpdateItem", "request/decrement.vtl",
                    "response/update.vtl", "models/decrement.json", "200"),
            new Route("/counters/{name}/next", "POST", "UpdateItem", "UpdateItem", "request/next.vtl",
                    "response/next.vtl", "models/next.json", "200"),
            new Route("/counters/{name}/shards/increment", "POST", "UpdateItem", "UpdateItem",
                    "request/shard-increment.vtl", "response/shard-increment.vtl", "models/shard-increment.json",
                    "200"),
            new Route("/counters/{name}/shards", "GET", "Query", "Query", "request/shards.vtl",
                    "response/shards.vtl", null, "200"),
            // deletes every shard item a sharded counter can have, in one transaction of Delete actions, which
            // DynamoDB authorizes as DeleteItem
            new Route("/counters/{name}/shards", "DELETE", "TransactWriteItems", "DeleteItem",
                    "request/delete-shards.vtl", "response/delete.vtl", null, "204"));

    /**
     * Routes whose request template takes an optional Idempotency-Key header: increment, decrement and set run
     * in a transaction with marker items; next keeps its keys on the counter item (it must return the ids).
     */
    public static final Set<String> IDEMPOTENT_ROUTES = Set.of("POST /counters/{name}/increment",
            "POST /counters/{name}/decrement", "PUT /counters/{name}", "POST /counters/{name}/next");

    /**
     * Routes whose request template picks the DynamoDB action per request (UpdateItem, or TransactWriteItems with an
     * Idempotency-Key). They use a path-style integration whose {@code X-Amz-Target} and {@code Content-Type} are
     * integration request parameters, which the template's {@code $context.requestOverride.header.X-Amz-Target}
     * replaces: the mechanism AWS documents for overrides ("after standard API Gateway mappings have been
     * applied"). Every other route names its one action in an action-style URI. See docs/aws-fidelity.md.
     */
    public static final Set<String> ACTION_SWITCHING_ROUTES = Set.of("POST /counters/{name}/increment",
            "POST /counters/{name}/decrement", "PUT /counters/{name}");

    /** DynamoDB errors (HTTP 4xx or 5xx) all go through this template, which picks the client's status. */
    public static final String ERROR_TEMPLATE = "response/error.vtl";

    /**
     * A gateway response: API Gateway's own error of {@code responseType} answered with the JSON of {@code file}
     * (under {@code velocity-templates/gateway/}; plain text with {@code $context.*} references, since gateway
     * responses get simple variable substitution, not VTL), with {@code Retry-After} when {@code retryAfter} is set.
     * The status is API Gateway's default for the type.
     *
     * @param responseType the API Gateway response type, e.g. {@code THROTTLED} or {@code DEFAULT_4XX}
     * @param file         the response template, relative to {@code velocity-templates/}
     * @param retryAfter   the {@code Retry-After} header value in seconds, or null for none
     */
    public record GatewayAnswer(String responseType, String file, String retryAfter) {
    }

    /** One gateway response per API Gateway error this API can produce (the README's error table), plus the defaults. */
    public static final List<GatewayAnswer> GATEWAY_ANSWERS = List.of(
            new GatewayAnswer("MISSING_AUTHENTICATION_TOKEN", "gateway/missing-authentication-token.json", null),
            new GatewayAnswer("ACCESS_DENIED", "gateway/access-denied.json", null),
            new GatewayAnswer("INVALID_SIGNATURE", "gateway/invalid-signature.json", null),
            new GatewayAnswer("EXPIRED_TOKEN", "gateway/expired-token.json", null),
            new GatewayAnswer("UNAUTHORIZED", "gateway/unauthorized.json", null),
            new GatewayAnswer("INVALID_API_KEY", "gateway/invalid-api-key.json", null),
            new GatewayAnswer("THROTTLED", "gateway/throttled.json", "1"),
            new GatewayAnswer("QUOTA_EXCEEDED", "gateway/quota-exceeded.json", null),
            new GatewayAnswer("UNSUPPORTED_MEDIA_TYPE", "gateway/unsupported-media-type.json", null),
            new GatewayAnswer("REQUEST_TOO_LARGE", "gateway/request-too-large.json", null),
            new GatewayAnswer("RESOURCE_NOT_FOUND", "gateway/resource-not-found.json", null),
            new GatewayAnswer("BAD_REQUEST_BODY", "gateway/bad-request-body.json", null),
            new GatewayAnswer("BAD_REQUEST_PARAMETERS", "gateway/bad-request-parameters.json", null),
            new GatewayAnswer("WAF_FILTERED", "gateway/waf-filtered.json", null),
            new GatewayAnswer("INTEGRATION_FAILURE", "gateway/integration-failure.json", "1"),
            new GatewayAnswer("INTEGRATION_TIMEOUT", "gateway/integration-timeout.json", "1"),
            new GatewayAnswer("DEFAULT_4XX", "gateway/default-4xx.json", null),
            new GatewayAnswer("DEFAULT_5XX", "gateway/default-5xx.json", null));
    /** Attribute the created table's TTL reads (epoch seconds), for items that expire. */
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** Attributes the templates write beside the value: a value attribute of another name must avoid them. */
    public static final Set<String> RESERVED_ATTRIBUTES = Set.of("previous", "first", "windowStart", "resetAt",
            "limit", TTL_ATTRIBUTE, "nextKeys0", "nextKeys1", "nextKeys2", "nextKeys3");

    private static final String JSON = "application/json";
    /** Key names and values go into the templates unescaped (through stage variables): keep them plain. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
    /** API Gateway's stage names (CreateStage). */
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final List<String> ERROR_STATUSES = List.of("400", "404", "409", "429", "500", "503");

    private final ITable table;
    private final RestApi api;
    private final Role integrationRole;

    /**
     * The counters with every default of {@link AtomicCounterApiProps}: a new table, IAM auth, stage {@code v1}.
     *
     * @param scope the parent construct, usually a {@link software.amazon.awscdk.Stack}
     * @param id    this construct's id within {@code scope}
     */
    public AtomicCounterApi(Construct scope, String id) {
        this(scope, id, AtomicCounterApiProps.builder().build());
    }

    /**
     * The counters as {@code props} configure them.
     *
     * @param scope the parent construct, usually a {@link software.amazon.awscdk.Stack}
     * @param id    this construct's id within {@code scope}
     * @param props the configuration, from {@link AtomicCounterApiProps#builder()}
     * @throws IllegalArgumentException when {@code props} is null or a prop is invalid, with a message that names
     *         the prop: a key name, sort key value or value attribute that is not 1-255 characters of
     *         {@code A-Z a-z 0-9 _ . -}, a stage name that is not 1-128 characters of {@code A-Z a-z 0-9 _ -}, a
     *         value attribute that is a key or one of {@link #RESERVED_ATTRIBUTES}, key names other than
     *         {@code pk}/{@code sk} without an existing table, {@code userPool} without {@link AuthMode#COGNITO} or
     *         the reverse, a {@code shardCount} that is not an integer from 1 to 100, a rate that is not positive, a
     *         burst or quota that is not a whole number from 1, more than one CORS origin or one that is not an
     *         origin, a null {@code authMode} or {@code accessLogRetention}
     */
    public AtomicCounterApi(Construct scope, String id, AtomicCounterApiProps props) {
        super(scope, id);
        validate(props);

        this.table = props.getTable() != null ? props.getTable() : createTable();
        this.integrationRole = Role.Builder.create(this, "IntegrationRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("Lets the counter API's integrations call DynamoDB on the counter table only")
                .build();
        this.api = createRestApi(props);

        RequestValidator validator = RequestValidator.Builder.create(this, "RequestValidator")
                .restApi(api)
                .requestValidatorName("body-and-parameters")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build();
        IAuthorizer authorizer = props.getAuthMode() == AuthMode.COGNITO
                ? CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                    .cognitoUserPools(List.of(props.getUserPool()))
                    .build()
                : null;

        Map<String, IModel> models = new LinkedHashMap<>();
        Set<String> grantedActions = new LinkedHashSet<>();
        for (Route route : ROUTES) {
            Resource resource = api.getRoot().resourceForPath(route.path());
            IModel model = route.model() == null ? null
                    : models.computeIfAbsent(route.model(), this::createModel);
            if (grantedActions.add(route.iamAction())) {
                // one statement per action actually used, on the table's ARN only
                integrationRole.addToPolicy(PolicyStatement.Builder.create()
                        .sid(route.iamAction())
                        .actions(List.of("dynamodb:" + route.iamAction()))
                        .resources(List.of(table.getTableArn()))
                        .build());
            }
            resource.addMethod(route.httpMethod(), integration(route, props),
                    methodOptions(route, props, validator, model, authorizer));
        }

        addGatewayResponses(props);
        VelocityCompatibility.addTo(this);
        if (props.getAuthMode() == AuthMode.API_KEY) {
            addUsagePlan(props);
        }
        addAlarms();
        addNagSuppressions(props);
        DeployRules.addTo(this);
        DeploymentInputs.hashInto(api, this);
        if (!props.isCloudWatchRole()) {
            // the stage logs; the deployer says the account's API Gateway settings already name a CloudWatch role
            DeployRules.acknowledge(api, new LoggingRoleRule().id(), "cloudWatchRole is false: the deployer states "
                    + "that the account's API Gateway settings already name a CloudWatch Logs role");
            Annotations.of(this).addWarningV2("atomic-counters:account-cloudwatch-role", "cloudWatchRole is false: "
                    + "the stage logs, so the deployment fails (\"CloudWatch Logs role ARN must be set in account "
                    + "settings to enable logging\") unless this account and region already have the role; check with "
                    + "'aws apigateway get-account --query cloudwatchRoleArn'.");
        }
        if (props.getTable() != null) {
            // TTL is a table setting: the construct cannot enable it on a table it does not own
            Annotations.of(this).addWarningV2("atomic-counters:existing-table-ttl", "With an existing table, "
                    + "enable TTL on its attribute '" + TTL_ATTRIBUTE + "' yourself (aws dynamodb "
                    + "update-time-to-live): rate-limit windows and idempotency markers set it and are never deleted "
                    + "otherwise. Answers do not depend on it, storage does.");
        }
    }

    /**
     * The table the counters live in: the {@link AtomicCounterApiProps#getTable() table prop}, or the table this
     * construct created (child {@code "Table"}). Grant other readers on it, or read its name for outputs.
     *
     * @return the counters' table
     */
    public ITable getTable() {
        return table;
    }

    /**
     * The REST API (child {@code "Resource"}). {@code getApi().getUrl()} is the base URL, stage included, that
     * clients call; its deployment stage carries the throttling, access logs and stage variables.
     *
     * @return the counters' REST API
     */
    public RestApi getApi() {
        return api;
    }

    /**
     * The role API Gateway assumes to call DynamoDB: one statement per DynamoDB action the routes use, on the
     * table's ARN only. Add statements to it only if you add integrations of your own.
     *
     * @return the integrations' role
     */
    public Role getIntegrationRole() {
        return integrationRole;
    }

    /**
     * An IAM statement allowing {@code execute-api:Invoke} on some routes of this API's stage, to attach to a
     * caller's role. For example, {@code invokeStatement("GET", "/counters/*")} is read-only access to every
     * counter, <code>invokeStatement("POST", "/counters/likes-*&#47;increment")</code> may only increment counters
     * named {@code likes-...}. {@code *} in the path matches any characters.
     *
     * @param httpMethod  the HTTP method, e.g. {@code GET}, or {@code *} for any
     * @param pathPattern the resource path below the stage, starting with {@code /}; {@code *} matches any
     *                    characters
     * @return an {@code Allow} statement on the matching execute-api ARNs of this API's deployment stage
     * @throws IllegalArgumentException when {@code pathPattern} does not start with {@code /}
     */
    public PolicyStatement invokeStatement(String httpMethod, String pathPattern) {
        if (!pathPattern.startsWith("/")) {
            throw new IllegalArgumentException("pathPattern: expected a path starting with / but got '"
                    + pathPattern + "'");
        }
        return PolicyStatement.Builder.create()
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of(api.arnForExecuteApi(httpMethod, pathPattern, api.getDeploymentStage().getStageName())))
                .build();
    }

    private static void validate(AtomicCounterApiProps props) {
        if (props == null) {
            throw new IllegalArgumentException("props: expected AtomicCounterApiProps but got null");
        }
        requirePlain("partitionKeyName", props.getPartitionKeyName(), false);
        requirePlain("sortKeyName", props.getSortKeyName(), true);
        requirePlain("sortKeyValue", props.getSortKeyValue(), false);
        requirePlain("valueAttributeName", props.getValueAttributeName(), false);
        if (RESERVED_ATTRIBUTES.contains(props.getValueAttributeName())) {
            throw new IllegalArgumentException("valueAttributeName: expected an attribute the counters do not use "
                    + "for something else, not one of " + RESERVED_ATTRIBUTES + ", but got '"
                    + props.getValueAttributeName() + "'");
        }
        if (props.getValueAttributeName().equals(props.getPartitionKeyName())
                || props.getValueAttributeName().equals(props.getSortKeyName())) {
            throw new IllegalArgumentException("valueAttributeName: expected an attribute other than the table's keys ("
                    + props.getPartitionKeyName() + ", " + props.getSortKeyName() + ") but got '"
                    + props.getValueAttributeName() + "'");
        }
        if (props.getStageName() == null || !STAGE_NAME.matcher(props.getStageName()).matches()) {
            throw new IllegalArgumentException("stageName: expected 1-128 characters of A-Z a-z 0-9 _ - (API Gateway's "
                    + "stage names) but got "
                    + (props.getStageName() == null ? "null" : "'" + props.getStageName() + "'"));
        }
        if (props.getTable() == null && (!"pk".equals(props.getPartitionKeyName())
                || !"sk".equals(props.getSortKeyName()))) {
            throw new IllegalArgumentException("partitionKeyName/sortKeyName: only apply to an existing table "
                    + "(prop table); the created table is keyed pk/sk, but got " + props.getPartitionKeyName()
                    + "/" + props.getSortKeyName());
        }
        if (props.getAuthMode() == null) {
            throw new IllegalArgumentException("authMode: expected one of IAM, API_KEY, COGNITO, NONE but got null");
        }
        if ((props.getAuthMode() == AuthMode.COGNITO) != (props.getUserPool() != null)) {
            throw new IllegalArgumentException("userPool: required with authMode COGNITO and only then, but authMode is "
                    + props.getAuthMode() + " and userPool is " + (props.getUserPool() == null ? "absent" : "set"));
        }
        Number shards = props.getShardCount();
        if (shards == null || shards.doubleValue() != Math.rint(shards.doubleValue()) || shards.doubleValue() < 1
                || shards.doubleValue() > 100) {
            throw new IllegalArgumentException("shardCount: expected an integer from 1 to 100 but got " + shards);
        }
        requirePositive("throttlingRateLimit", props.getThrottlingRateLimit());
        requireCount("throttlingBurstLimit", props.getThrottlingBurstLimit());
        requirePositive("apiKeyRateLimit", props.getApiKeyRateLimit());
        requireCount("apiKeyBurstLimit", props.getApiKeyBurstLimit());
        requireCount("apiKeyQuotaPerDay", props.getApiKeyQuotaPerDay());
        List<String> origins = props.getCorsAllowOrigins();
        if (origins.size() > 1) {
            throw new IllegalArgumentException("corsAllowOrigins: expected one origin or \"*\" (the same header "
                    + "value is sent on every response) but got " + origins.size() + ": " + origins);
        }
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new IllegalArgumentException("corsAllowOrigins: expected \"*\" or an origin like "
                        + "https://app.example.com but got '" + origin + "'");
            }
        }
        if (props.getAccessLogRetention() == null) {
            throw new IllegalArgumentException("accessLogRetention: expected a RetentionDays value but got null");
        }
    }

    private static void requirePlain(String prop, String value, boolean emptyAllowed) {
        if (value == null || !(PLAIN_NAME.matcher(value).matches() || (emptyAllowed && value.isEmpty()))) {
            throw new IllegalArgumentException(prop + ": expected 1-255 characters of A-Z a-z 0-9 _ . -"
                    + (emptyAllowed ? " (or \"\" for none)" : "") + " but got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void requirePositive(String prop, Number value) {
        if (value == null || value.doubleValue() <= 0) {
            throw new IllegalArgumentException(prop + ": expected a number > 0 but got " + value);
        }
    }

    /** A burst or a quota: API Gateway types them as 32-bit integers, and refuses a fraction at deploy time. */
    private static void requireCount(String prop, Number value) {
        if (value == null || value.doubleValue() < 1 || value.doubleValue() != Math.rint(value.doubleValue())
                || value.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(prop + ": expected a whole number from 1 to " + Integer.MAX_VALUE
                    + " (API Gateway takes an integer) but got " + value);
        }
    }

    private Table createTable() {
        return Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // kept on delete and replacement, removed by a rolled-back create (RetainExceptOnCreate). No
                // deletion protection: a protected table "cannot be deleted by any user or process", so the rollback
                // of a failed first deploy could not remove it and would itself fail (docs/deploying.md)
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .build();
    }

    private RestApi createRestApi(AtomicCounterApiProps props) {
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.getAccessLogRetention())
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .build();
        // The templates read the table and key names from these, so the same files serve any table.
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("tableName", table.getTableName());
        variables.put("partitionKey", props.getPartitionKeyName());
        if (!props.getSortKeyName().isEmpty()) {
            variables.put("sortKey", props.getSortKeyName());
        }
        variables.put("sortKeyValue", props.getSortKeyValue());
        variables.put("valueAttribute", props.getValueAttributeName());
        variables.put("shardCount", Integer.toString(props.getShardCount().intValue()));

        RestApi.Builder builder = RestApi.Builder.create(this, "Resource")
                .restApiName("atomic-counters")
                .description("Atomic counters: API Gateway integrations straight to DynamoDB")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(props.isCloudWatchRole())
                .apiKeySourceType(ApiKeySourceType.HEADER)
                .deployOptions(StageOptions.builder()
                        .stageName(props.getStageName())
                        .variables(variables)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .tracingEnabled(true)
                        .metricsEnabled(true)
                        .throttlingRateLimit(props.getThrottlingRateLimit())
                        .throttlingBurstLimit(wholeNumber(props.getThrottlingBurstLimit()))
                        .build());
        if (!props.getCorsAllowOrigins().isEmpty()) {
            builder.defaultCorsPreflightOptions(CorsOptions.builder()
                    .allowOrigins(props.getCorsAllowOrigins())
                    .allowMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"))
                    .allowHeaders(List.of("Content-Type", "Authorization", "X-Amz-Date", "X-Amz-Security-Token",
                            "X-Api-Key", "Idempotency-Key"))
                    .maxAge(Duration.hours(1))
                    .build());
        }
        if (props.isCloudWatchRole()) {
            // the role is the account's setting, other APIs may log through it: kept on delete (RetainExceptOnCreate)
            builder.cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
        }
        RestApi restApi = builder.build();
        // RestApi adds an "Endpoint" output with a generated id; the stack names its own ApiUrl output instead
        restApi.getNode().tryRemoveChild("Endpoint");
        return restApi;
    }

    private IModel createModel(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('.'));
        // API Gateway model names are alphanumeric: models/shard-increment.json -> ShardIncrementRequest
        String title = pascalCase(name.replace('-', '_')) + "Request";
        Model model = Model.Builder.create(this, title + "Model")
                .restApi(api)
                .contentType(JSON)
                .modelName(title)
                .description("JSON Schema (draft 4) of the " + name + " request body")
                .schema(JsonSchema.builder().schema(JsonSchemaVersion.DRAFT4).type(JsonSchemaType.OBJECT).build())
                .build();
        // The schema file is the source of truth; the L2 JsonSchema type cannot express all of it (oneOf of
        // patterns), so the file's JSON replaces the placeholder above as is.
        ((CfnModel) model.getNode().getDefaultChild()).setSchema(TemplateFiles.readSchema(file));
        return model;
    }

    private AwsIntegration integration(Route route, AtomicCounterApiProps props) {
        Map<String, String> cors = corsHeaders(props, "method.response.header.");
        String errorTemplate = TemplateFiles.read(ERROR_TEMPLATE);
        List<IntegrationResponse> responses = new ArrayList<>();
        responses.add(IntegrationResponse.builder()
                .statusCode(route.successStatus())
                .responseTemplates(Map.of(JSON, TemplateFiles.read(route.responseTemplate())))
                .responseParameters(cors)
                .build());
        responses.add(IntegrationResponse.builder()
                .selectionPattern("4\\d{2}")
                .statusCode("400")
                .responseTemplates(Map.of(JSON, errorTemplate))
                .responseParameters(cors)
                .build());
        responses.add(IntegrationResponse.builder()
                .selectionPattern("5\\d{2}")
                .statusCode("500")
                .responseTemplates(Map.of(JSON, errorTemplate))
                .responseParameters(cors)
                .build());
        IntegrationOptions.Builder options = IntegrationOptions.builder()
                .credentialsRole(integrationRole)
                .passthroughBehavior(PassthroughBehavior.NEVER)
                .requestTemplates(Map.of(JSON, TemplateFiles.read(route.requestTemplate())))
                .integrationResponses(responses);
        AwsIntegration.Builder integration = AwsIntegration.Builder.create()
                .service("dynamodb")
                .integrationHttpMethod("POST");
        if (ACTION_SWITCHING_ROUTES.contains(route.httpMethod() + " " + route.path())) {
            // DynamoDB's JSON API is POST / with the action in X-Amz-Target: a path-style URI to "/" with the
            // action as a static integration request header, which the request template may override
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("integration.request.header.X-Amz-Target", "'DynamoDB_20120810." + route.action() + "'");
            parameters.put("integration.request.header.Content-Type", "'application/x-amz-json-1.0'");
            options.requestParameters(parameters);
            integration.path("/");
        } else {
            integration.action(route.action());
        }
        return integration.options(options.build()).build();
    }

    private MethodOptions methodOptions(Route route, AtomicCounterApiProps props, RequestValidator validator,
                                        IModel model, IAuthorizer authorizer) {
        Map<String, Boolean> headers = new LinkedHashMap<>();
        corsHeaders(props, "method.response.header.").keySet().forEach(h -> headers.put(h, true));
        List<MethodResponse> methodResponses = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        statuses.add(route.successStatus());
        statuses.addAll(ERROR_STATUSES);
        for (String status : statuses) {
            Map<String, Boolean> parameters = new LinkedHashMap<>(headers);
            if (status.equals("429") || status.equals("503")) {
                parameters.put("method.response.header.Retry-After", true);
            } else if (status.equals("409")) {
                // a full rate-limit window (seconds until the next window) and a concurrent idempotent update
                // (1 s) answer 409 with Retry-After
                parameters.put("method.response.header.Retry-After", false);
            }
            methodResponses.add(MethodResponse.builder()
                    .statusCode(status)
                    .responseModels(status.equals("204") ? Map.of() : Map.of(JSON, Model.EMPTY_MODEL))
                    .responseParameters(parameters)
                    .build());
        }
        Map<String, Boolean> requestParameters = new LinkedHashMap<>();
        requestParameters.put("method.request.path.name", true);
        if (IDEMPOTENT_ROUTES.contains(route.httpMethod() + " " + route.path())) {
            requestParameters.put("method.request.header.Idempotency-Key", false);
        }
        MethodOptions.Builder options = MethodOptions.builder()
                .requestParameters(requestParameters)
                .requestValidator(validator)
                .methodResponses(methodResponses);
        if (model != null) {
            options.requestModels(Map.of(JSON, model));
        }
        switch (props.getAuthMode()) {
            case IAM -> options.authorizationType(AuthorizationType.IAM);
            case API_KEY -> options.authorizationType(AuthorizationType.NONE).apiKeyRequired(true);
            case COGNITO -> options.authorizationType(AuthorizationType.COGNITO).authorizer(authorizer);
            case NONE -> options.authorizationType(AuthorizationType.NONE);
            default -> throw new IllegalStateException("unhandled auth mode " + props.getAuthMode());
        }
        return options.build();
    }

    private static Map<String, String> corsHeaders(AtomicCounterApiProps props, String prefix) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!props.getCorsAllowOrigins().isEmpty()) {
            headers.put(prefix + "Access-Control-Allow-Origin", "'" + props.getCorsAllowOrigins().get(0) + "'");
            if (!props.getCorsAllowOrigins().get(0).equals("*")) {
                headers.put(prefix + "Vary", "'Origin'");
            }
        }
        return headers;
    }

    private void addGatewayResponses(AtomicCounterApiProps props) {
        for (GatewayAnswer answer : GATEWAY_ANSWERS) {
            Map<String, String> headers = new LinkedHashMap<>();
            corsHeaders(props, "").forEach(headers::put);
            if (answer.retryAfter() != null) {
                headers.put("Retry-After", "'" + answer.retryAfter() + "'");
            }
            // construct id: the response type in PascalCase (ThrottledResponse, Default4xxResponse, ...)
            api.addGatewayResponse(pascalCase(answer.responseType()) + "Response", GatewayResponseOptions.builder()
                    .type(ResponseType.of(answer.responseType()))
                    .templates(Map.of(JSON, TemplateFiles.read(answer.file())))
                    .responseHeaders(headers)
                    .build());
        }
    }

    private static String pascalCase(String constantName) {
        StringBuilder out = new StringBuilder();
        for (String part : constantName.toLowerCase(java.util.Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private void addUsagePlan(AtomicCounterApiProps props) {
        UsagePlan plan = api.addUsagePlan("UsagePlan", software.amazon.awscdk.services.apigateway.UsagePlanProps
                .builder()
                .description("Rate, burst and daily quota of each API key of the counter API")
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.getApiKeyRateLimit())
                        .burstLimit(wholeNumber(props.getApiKeyBurstLimit()))
                        .build())
                .quota(QuotaSettings.builder()
                        .limit(wholeNumber(props.getApiKeyQuotaPerDay()))
                        .period(Period.DAY)
                        .build())
                .apiStages(List.of(UsagePlanPerApiStage.builder()
                        .api(api)
                        .stage(api.getDeploymentStage())
                        .build()))
                .build());
        plan.addApiKey(api.addApiKey("ApiKey"));
    }

    /** A validated whole number (requireCount) as the int the L2 takes, never cut. */
    private static int wholeNumber(Number value) {
        return Math.toIntExact((long) value.doubleValue());
    }

    private void addAlarms() {
        Duration period = Duration.minutes(5);
        Alarm.Builder.create(this, "ServerErrorsAlarm")
                .alarmDescription("The counter API answered 5XX")
                .metric(api.getDeploymentStage().metricServerError(MetricOptions.builder()
                        .period(period).statistic("Sum").build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm.Builder.create(this, "LatencyAlarm")
                .alarmDescription("p99 latency of the counter API above 1 s for 15 minutes")
                .metric(api.getDeploymentStage().metricLatency(MetricOptions.builder()
                        .period(period).statistic("p99").build()))
                .threshold(1000)
                .evaluationPeriods(3)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm.Builder.create(this, "ThrottlesAlarm")
                .alarmDescription("DynamoDB throttled counter requests (hot counter past 1,000 writes/s?)")
                .metric(table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(List.of(Operation.GET_ITEM, Operation.UPDATE_ITEM, Operation.DELETE_ITEM,
                                Operation.QUERY, Operation.TRANSACT_WRITE_ITEMS))
                        .period(period)
                        .build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private void addNagSuppressions(AtomicCounterApiProps props) {
        NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-APIG3")
                .reason("WAF is not attached by default: it costs a web ACL per API and the API is already "
                        + "authenticated, validated and throttled per stage; attach a web ACL to the stage when needed.")
                .build()), true);
        String authReason = switch (props.getAuthMode()) {
            case IAM -> "Methods use IAM (SigV4) authorization, chosen over Cognito so that services and roles "
                    + "call counters with their own credentials and per-route IAM policies.";
            case API_KEY -> "The deployer chose API keys with a usage plan (rate, burst, quota) for this API.";
            case NONE -> "The deployer explicitly chose auth=none, for a demo without real data.";
            case COGNITO -> null;
        };
        List<NagPackSuppression> authSuppressions = new ArrayList<>();
        if (authReason != null) {
            authSuppressions.add(NagPackSuppression.builder().id("AwsSolutions-COG4").reason(authReason).build());
            if (props.getAuthMode() != AuthMode.IAM) {
                authSuppressions.add(NagPackSuppression.builder().id("AwsSolutions-APIG4").reason(authReason).build());
            }
        }
        if (!authSuppressions.isEmpty()) {
            NagSuppressions.addResourceSuppressions(api, authSuppressions, true);
        }
        // CORS preflight (OPTIONS) must answer browsers without credentials
        for (software.constructs.IConstruct child : api.getNode().findAll()) {
            if (child instanceof Method method && method.getHttpMethod().equals("OPTIONS")) {
                NagSuppressions.addResourceSuppressions(method, List.of(
                        NagPackSuppression.builder().id("AwsSolutions-APIG4")
                                .reason("CORS preflight requests carry no credentials by design.").build(),
                        NagPackSuppression.builder().id("AwsSolutions-COG4")
                                .reason("CORS preflight requests carry no credentials by design.").build()));
            }
        }
        if (props.isCloudWatchRole()) {
            NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM4")
                    .reason("The account-level API Gateway logging role uses the AWS managed policy "
                            + "AmazonAPIGatewayPushToCloudWatchLogs, which AWS documents for exactly this role.")
                    .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                            + "AmazonAPIGatewayPushToCloudWatchLogs"))
                    .build()), true);
        }
    }
}
