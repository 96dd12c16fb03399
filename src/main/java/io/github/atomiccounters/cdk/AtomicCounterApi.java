package io.github.atomiccounters.cdk;

import io.github.atomiccounters.cdk.rules.DeployRules;
import io.github.atomiccounters.cdk.rules.LoggingRoleRule;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointConfiguration;
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
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ContributorInsightsSpecification;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantWithResourceOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A DynamoDB table of named atomic counters behind an API Gateway REST API whose AWS integrations call DynamoDB
 * directly: every route is one DynamoDB action rendered by the VTL files under {@code velocity-templates/}.
 * No Lambda is in the path. The REST API is this construct's {@code "Resource"} child.
 *
 * <p>With the default props it creates the table (keys {@code pk}/{@code sk}, on demand, point-in-time recovery,
 * retained on delete, TTL on {@code expiresAt}), an IAM-authorized regional REST API with stage
 * {@code v1}, request validation, JSON access logs, X-Ray tracing, throttling, one gateway response per API Gateway
 * error, and alarms on 5XX answers, p99 latency and DynamoDB throttling. {@link AtomicCounterApiProps} says what can
 * be configured, e.g. an existing table; callers are granted routes the CDK way:
 *
 * <pre>{@code
 * AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters", AtomicCounterApiProps.builder()
 *         .table(Table.fromTableName(stack, "Donations", "donation-data"))   // an existing table
 *         .partitionKeyName("context")
 *         .sortKeyName("id")
 *         .valueAttributeName("counterValue")
 *         .build());
 * counters.grantRead(dashboardRole);                               // GET of every counter
 * counters.grantInvoke(likesService, "likes-*", Route.INCREMENT);  // increment counters named likes-...
 * }</pre>
 *
 * <p>The construct registers the deploy-rules pack ({@code io.github.atomiccounters.cdk.rules.DeployRules}: what AWS
 * services refuse at deploy time, checked at synthesis) on itself, hashes everything its stage serves into the
 * Deployment's logical id so that every change reaches the stage, and adds cdk-nag suppressions (each with its
 * reason) for the AwsSolutions findings that follow from its design or from the chosen {@link AuthMode}.
 */
public class AtomicCounterApi extends Construct {

    /** The v1 API, in {@link Route}'s order. Changing a route's path, method or files changes the public contract. */
    public static final List<Route> ROUTES = List.of(Route.values());

    /**
     * The routes whose request template takes an optional Idempotency-Key header ({@link Route#idempotent()}), as
     * {@code "METHOD /path"}.
     */
    public static final Set<String> IDEMPOTENT_ROUTES = keys(ROUTES.stream().filter(Route::idempotent).toList());

    /**
     * The routes whose request template picks the DynamoDB action per request ({@link Route#actionSwitching()}), as
     * {@code "METHOD /path"}.
     */
    public static final Set<String> ACTION_SWITCHING_ROUTES =
            keys(ROUTES.stream().filter(Route::actionSwitching).toList());

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

    /**
     * A counter-name pattern in a grant: 1-200 characters of {@code A-Z a-z 0-9 - _ . ~} and {@code *} (any
     * characters). Only URL-unreserved characters, which read the same in a request's path encoded or decoded, so
     * the pattern means the same names whichever form IAM compares.
     */
    private static final Pattern COUNTER_PATTERN = Pattern.compile("[A-Za-z0-9._~*-]{1,200}");
    /** A base path of a custom domain: one segment of the characters API Gateway accepts (CreateBasePathMapping). */
    private static final Pattern BASE_PATH = Pattern.compile("[A-Za-z0-9$_.+!*'()-]+");
    private static final Duration ALARM_PERIOD = Duration.minutes(5);

    private final AtomicCounterApiProps props;
    private final ITable table;
    private final RestApi api;
    private final IRole integrationRole;
    private final List<PolicyStatement> integrationPolicyStatements;
    private final List<Alarm> alarms = new ArrayList<>();

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
     *         origin, a null {@code authMode}, {@code logRetention} or {@code endpointType}, alarm actions without
     *         alarms, VPC endpoints without a private endpoint type or the reverse, a domain name with a private API
     *         or with a base path API Gateway refuses, an encryption key, contributor insights or deletion
     *         protection with an existing table, a web ACL that is not a WAF web ACL's ARN
     */
    public AtomicCounterApi(Construct scope, String id, AtomicCounterApiProps props) {
        super(scope, id);
        validate(props);
        this.props = props;

        this.table = props.getTable() != null ? props.getTable() : createTable(props);
        this.integrationRole = props.getIntegrationRole() != null ? props.getIntegrationRole()
                : Role.Builder.create(this, "IntegrationRole")
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
        List<PolicyStatement> integrationStatements = new ArrayList<>();
        Set<String> grantedActions = new LinkedHashSet<>();
        for (Route route : ROUTES) {
            Resource resource = api.getRoot().resourceForPath(route.path());
            IModel model = route.model() == null ? null
                    : models.computeIfAbsent(route.model(), this::createModel);
            if (grantedActions.add(route.iamAction())) {
                // one statement per action actually used, on the table's ARN only
                integrationStatements.add(PolicyStatement.Builder.create()
                        .sid(statementId(route.iamAction()))
                        .actions(List.of("dynamodb:" + route.iamAction()))
                        .resources(List.of(table.getTableArn()))
                        .build());
            }
            resource.addMethod(route.httpMethod(), integration(route, props),
                    methodOptions(route, props, validator, model, authorizer));
        }
        if (props.getEncryptionKey() != null) {
            integrationStatements.add(keyStatement(props));
        }
        this.integrationPolicyStatements = List.copyOf(integrationStatements);
        integrationPolicyStatements.forEach(integrationRole::addToPrincipalPolicy);

        addGatewayResponses(props);
        VelocityCompatibility.addTo(this);
        if (props.getAuthMode() == AuthMode.API_KEY) {
            addUsagePlan(props);
        }
        if (props.isAlarms()) {
            addAlarms(props.getAlarmActions());
        }
        if (props.getWebAclArn() != null) {
            CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
                    .resourceArn(api.getDeploymentStage().getStageArn())
                    .webAclArn(props.getWebAclArn())
                    .build();
        }
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
     * The REST API (child {@code "Resource"}). {@code getApi().getUrl()} is the {@code execute-api} URL, stage
     * included; its deployment stage carries the throttling, access logs and stage variables.
     *
     * @return the counters' REST API
     */
    public RestApi getApi() {
        return api;
    }

    /**
     * The base URL clients call: with a {@link AtomicCounterApiProps#getDomainName() custom domain},
     * {@code https://<domain>} followed by {@code /<basePath>} when there is one (the stage is not in it); without,
     * the {@code execute-api} URL with the stage ({@code getApi().getUrl()}).
     *
     * @return the URL, without a trailing slash (a token until deploy time)
     */
    public String getUrl() {
        if (props.getDomainName() == null) {
            return api.getUrl();
        }
        String basePath = props.getDomainName().getBasePath();
        return "https://" + props.getDomainName().getDomainName()
                + (basePath == null || basePath.isEmpty() ? "" : "/" + basePath);
    }

    /**
     * The role API Gateway assumes to call DynamoDB: the {@link AtomicCounterApiProps#getIntegrationRole() role
     * prop}, or the role this construct created (child {@code "IntegrationRole"}). It holds one statement per
     * DynamoDB action the routes use, on the table's ARN only. Add statements to it only if you add integrations of
     * your own.
     *
     * @return the integrations' role
     */
    public IRole getIntegrationRole() {
        return integrationRole;
    }

    /**
     * The statements the integration role needs: one per DynamoDB action the routes use, on the table's ARN only,
     * and with a customer-managed key, the key's use through DynamoDB. The construct adds them to its
     * {@link #getIntegrationRole() role}; a role imported with {@code mutable(false)} silently takes none (the CDK
     * pretends it did), so attach these to it yourself.
     *
     * @return the statements
     */
    public List<PolicyStatement> getIntegrationPolicyStatements() {
        return integrationPolicyStatements;
    }

    /**
     * The alarms the construct created: 5XX answers, p99 latency and DynamoDB throttling, in that order; empty with
     * {@link AtomicCounterApiProps#isAlarms() alarms} off. Add OK or insufficient-data actions to them here.
     *
     * @return the alarms
     */
    public List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }

    // ---- grants --------------------------------------------------------------------------------------------------

    /**
     * Lets {@code grantee} call some routes of this API's stage, for every counter: an {@code execute-api:Invoke}
     * statement on exactly those routes' ARNs, the counter name a {@code *}. A {@code *} in an execute-api ARN
     * matches any characters, {@code /} included, so a route's ARN for every counter also covers the longer routes
     * below it: {@code GET/counters/*} covers {@code GET/counters/x/shards}, {@code POST/counters/*}{@code /increment}
     * covers {@code POST/counters/x/shards/increment}, {@code DELETE/counters/*} covers
     * {@code DELETE/counters/x/shards} (docs/construct.md).
     *
     * <p>Like the CDK's own grants: added to the grantee's policy, and also to the API's resource policy when the
     * grantee is of another account.
     *
     * @param grantee a role, user, group or anything else that can be granted
     * @param routes  the routes, at least one
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM ({@link AuthMode#IAM}): IAM policies
     *         would then decide nothing
     * @throws IllegalArgumentException when no route is given
     */
    public Grant grantInvoke(IGrantable grantee, Route... routes) {
        return grantInvoke(grantee, "*", routes);
    }

    /**
     * Lets {@code grantee} call some routes of this API's stage for the counters whose names match
     * {@code counterPattern}: {@code "likes-*"} is every counter whose name starts with {@code likes-},
     * {@code "members"} is that counter only. {@code *} matches any characters, {@code /} included: a pattern that
     * ends in {@code *} also covers the longer routes below the route (see
     * {@link #grantInvoke(IGrantable, Route...)}).
     *
     * @param grantee        a role, user, group or anything else that can be granted
     * @param counterPattern 1-200 characters of {@code A-Z a-z 0-9 - _ . ~} and {@code *}
     * @param routes         the routes, at least one
     * @return the grant: one statement naming exactly one ARN per route
     * @throws IllegalStateException when the API does not authorize with IAM
     * @throws IllegalArgumentException when no route is given, or the pattern has other characters (a name that
     *         needs URL encoding cannot be granted alone: IAM could compare either form)
     */
    public Grant grantInvoke(IGrantable grantee, String counterPattern, Route... routes) {
        if (props.getAuthMode() != AuthMode.IAM) {
            throw new IllegalStateException("grantInvoke: the API authorizes with " + props.getAuthMode()
                    + ", so IAM policies do not decide who may call it; grants need authMode IAM");
        }
        if (routes == null || routes.length == 0) {
            throw new IllegalArgumentException("routes: expected at least one route to grant but got none");
        }
        if (counterPattern == null || !COUNTER_PATTERN.matcher(counterPattern).matches()) {
            throw new IllegalArgumentException("counterPattern: expected 1-200 characters of A-Z a-z 0-9 - _ . ~ "
                    + "and * but got " + (counterPattern == null ? "null" : "'" + counterPattern + "'"));
        }
        List<String> arns = new ArrayList<>();
        // in the API's own resource policy, the same routes in API Gateway's short form: an ARN would reference the
        // API itself, a cycle
        List<String> selfArns = new ArrayList<>();
        for (Route route : new LinkedHashSet<>(Arrays.asList(routes))) {
            String path = route.path().replace("{name}", counterPattern);
            arns.add(api.arnForExecuteApi(route.httpMethod(), path, api.getDeploymentStage().getStageName()));
            selfArns.add("execute-api:/" + props.getStageName() + "/" + route.httpMethod() + path);
        }
        return Grant.addToPrincipalOrResource(GrantWithResourceOptions.builder()
                .grantee(grantee)
                .actions(List.of("execute-api:Invoke"))
                .resourceArns(arns)
                .resourceSelfArns(selfArns)
                .resource(api)
                .build());
    }

    /**
     * Lets {@code grantee} read every counter: the routes of {@link Route.Access#READ}.
     *
     * @param grantee a role, user, group or anything else that can be granted
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantRead(IGrantable grantee) {
        return grantRead(grantee, "*");
    }

    /**
     * Lets {@code grantee} read the counters whose names match {@code counterPattern}.
     *
     * @param grantee        a role, user, group or anything else that can be granted
     * @param counterPattern see {@link #grantInvoke(IGrantable, String, Route...)}
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantRead(IGrantable grantee, String counterPattern) {
        return grantInvoke(grantee, counterPattern, Route.withAccess(Route.Access.READ).toArray(Route[]::new));
    }

    /**
     * Lets {@code grantee} change every counter's value (set, increment, decrement, next, sharded increment),
     * never delete one: the routes of {@link Route.Access#UPDATE}.
     *
     * @param grantee a role, user, group or anything else that can be granted
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantUpdate(IGrantable grantee) {
        return grantUpdate(grantee, "*");
    }

    /**
     * Lets {@code grantee} change the values of the counters whose names match {@code counterPattern}.
     *
     * @param grantee        a role, user, group or anything else that can be granted
     * @param counterPattern see {@link #grantInvoke(IGrantable, String, Route...)}
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantUpdate(IGrantable grantee, String counterPattern) {
        return grantInvoke(grantee, counterPattern, Route.withAccess(Route.Access.UPDATE).toArray(Route[]::new));
    }

    /**
     * Lets {@code grantee} call every route for every counter, deletes included.
     *
     * @param grantee a role, user, group or anything else that can be granted
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantFullAccess(IGrantable grantee) {
        return grantFullAccess(grantee, "*");
    }

    /**
     * Lets {@code grantee} call every route for the counters whose names match {@code counterPattern}.
     *
     * @param grantee        a role, user, group or anything else that can be granted
     * @param counterPattern see {@link #grantInvoke(IGrantable, String, Route...)}
     * @return the grant
     * @throws IllegalStateException when the API does not authorize with IAM
     */
    public Grant grantFullAccess(IGrantable grantee, String counterPattern) {
        return grantInvoke(grantee, counterPattern, Route.values());
    }

    // ---- metrics -------------------------------------------------------------------------------------------------

    /**
     * The stage's 5XX answers: sum over 5 minutes, what the 5XX alarm watches.
     *
     * @return the metric
     */
    public Metric metricServerErrors() {
        return metricServerErrors(null);
    }

    /**
     * The stage's 5XX answers.
     *
     * @param options period, statistic, label, ... over the defaults (sum over 5 minutes), or null
     * @return the metric
     */
    public Metric metricServerErrors(MetricOptions options) {
        return api.getDeploymentStage().metricServerError(metricOptions(options, "Sum"));
    }

    /**
     * The stage's 4XX answers (refused requests, missing counters, bounds and windows that said no): sum over 5
     * minutes.
     *
     * @return the metric
     */
    public Metric metricClientErrors() {
        return metricClientErrors(null);
    }

    /**
     * The stage's 4XX answers.
     *
     * @param options period, statistic, label, ... over the defaults (sum over 5 minutes), or null
     * @return the metric
     */
    public Metric metricClientErrors(MetricOptions options) {
        return api.getDeploymentStage().metricClientError(metricOptions(options, "Sum"));
    }

    /**
     * The stage's latency, from request to answer: p99 over 5 minutes, what the latency alarm watches.
     *
     * @return the metric
     */
    public Metric metricLatency() {
        return metricLatency(null);
    }

    /**
     * The stage's latency.
     *
     * @param options period, statistic, label, ... over the defaults (p99 over 5 minutes), or null
     * @return the metric
     */
    public Metric metricLatency(MetricOptions options) {
        return api.getDeploymentStage().metricLatency(metricOptions(options, "p99"));
    }

    /**
     * DynamoDB's throttled write requests on the table, over every write action the routes call (UpdateItem,
     * DeleteItem, TransactWriteItems): a hot counter past 1,000 writes/s shows here. Sum over 5 minutes.
     *
     * @return the metric (a math expression summing the actions)
     */
    public IMetric metricThrottledWrites() {
        return metricThrottledWrites(null);
    }

    /**
     * DynamoDB's throttled write requests on the table.
     *
     * @param options period, label, ... over the defaults (5 minutes), or null
     * @return the metric
     */
    public IMetric metricThrottledWrites(MetricOptions options) {
        return metricThrottledRequests(ROUTES.stream().filter(r -> r.access() != Route.Access.READ).toList(),
                options);
    }

    private IMetric metricThrottledRequests(List<Route> routes, MetricOptions options) {
        MetricOptions o = metricOptions(options, "Sum");
        List<Operation> operations = routes.stream().map(Route::action).distinct().map(AtomicCounterApi::operation)
                .toList();
        return table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                .operations(operations)
                .period(o.getPeriod())
                .label(o.getLabel())
                .color(o.getColor())
                .build());
    }

    /** The DynamoDB operation of an action name: TransactWriteItems -> TRANSACT_WRITE_ITEMS. */
    private static Operation operation(String action) {
        return Operation.valueOf(action.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    private static MetricOptions metricOptions(MetricOptions options, String statistic) {
        MetricOptions.Builder o = MetricOptions.builder().period(ALARM_PERIOD).statistic(statistic);
        if (options != null) {
            if (options.getPeriod() != null) {
                o.period(options.getPeriod());
            }
            if (options.getStatistic() != null) {
                o.statistic(options.getStatistic());
            }
            o.label(options.getLabel()).color(options.getColor()).unit(options.getUnit())
                    .dimensionsMap(options.getDimensionsMap()).account(options.getAccount())
                    .region(options.getRegion());
        }
        return o.build();
    }

    // ---- validation ----------------------------------------------------------------------------------------------

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
        if (props.getLogRetention() == null) {
            throw new IllegalArgumentException("logRetention: expected a RetentionDays value but got null");
        }
        validateOwnedResources(props);
    }

    /** The props of the resources the construct owns: endpoint, domain, alarms, WAF, the created table's options. */
    private static void validateOwnedResources(AtomicCounterApiProps props) {
        if (!props.isAlarms() && !props.getAlarmActions().isEmpty()) {
            throw new IllegalArgumentException("alarmActions: only with alarms, but alarms is false and "
                    + props.getAlarmActions().size() + " action(s) were given");
        }
        EndpointType endpoint = props.getEndpointType();
        if (endpoint == null) {
            throw new IllegalArgumentException("endpointType: expected REGIONAL, EDGE or PRIVATE but got null");
        }
        if ((endpoint == EndpointType.PRIVATE) == props.getVpcEndpoints().isEmpty()) {
            throw new IllegalArgumentException("vpcEndpoints: required with endpointType PRIVATE (the only way to "
                    + "reach a private API) and only then, but endpointType is " + endpoint + " and "
                    + props.getVpcEndpoints().size() + " VPC endpoint(s) were given");
        }
        if (props.getDomainName() != null) {
            if (endpoint == EndpointType.PRIVATE) {
                throw new IllegalArgumentException("domainName: not with endpointType PRIVATE (a private API is "
                        + "called through its VPC endpoints) but got " + props.getDomainName().getDomainName());
            }
            String basePath = props.getDomainName().getBasePath();
            if (basePath != null && !Token.isUnresolved(basePath) && !BASE_PATH.matcher(basePath).matches()) {
                throw new IllegalArgumentException("domainName.basePath: expected one path segment of A-Z a-z 0-9 "
                        + "and $ - _ . + ! * ' ( ) (API Gateway's base paths) but got '" + basePath + "'");
            }
        }
        if (props.getTable() != null) {
            for (Map.Entry<String, Boolean> option : Map.of(
                    "encryptionKey", props.getEncryptionKey() != null,
                    "contributorInsights", props.isContributorInsights(),
                    "deletionProtection", props.isDeletionProtection()).entrySet()) {
                if (option.getValue()) {
                    throw new IllegalArgumentException(option.getKey() + ": only for the table the construct "
                            + "creates; an existing table's settings are its owner's, but the table prop is set");
                }
            }
        }
        String webAcl = props.getWebAclArn();
        if (webAcl != null && !Token.isUnresolved(webAcl)
                && !webAcl.matches("arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:[a-z]+/webacl/[^/]+/[^/]+")) {
            throw new IllegalArgumentException("webAclArn: expected the ARN of an AWS WAF web ACL "
                    + "(arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID) but got '" + webAcl + "'");
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

    // ---- the resources -------------------------------------------------------------------------------------------

    private Table createTable(AtomicCounterApiProps props) {
        Table.Builder table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                // kept on delete and replacement, removed by a rolled-back create (RetainExceptOnCreate). Deletion
                // protection is the deployer's to turn on after the first deploy: a protected table "cannot be
                // deleted by any user or process", so the rollback of a failed first deploy could not remove it and
                // would itself fail (docs/deploying.md)
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .timeToLiveAttribute(TTL_ATTRIBUTE);
        if (props.getEncryptionKey() != null) {
            table.encryption(TableEncryption.CUSTOMER_MANAGED).encryptionKey(props.getEncryptionKey());
        } else {
            table.encryption(TableEncryption.AWS_MANAGED);
        }
        if (props.isContributorInsights()) {
            table.contributorInsightsSpecification(ContributorInsightsSpecification.builder().enabled(true).build());
        }
        if (props.isDeletionProtection()) {
            table.deletionProtection(true);
        }
        return table.build();
    }

    /**
     * The statement id of an integration statement: the action, and with a role of the deployer's also this
     * construct's unique id (a Sid is unique within a policy, and the role may serve several APIs).
     */
    private String statementId(String action) {
        return props.getIntegrationRole() == null ? action : action + Names.uniqueId(this);
    }

    /**
     * With a customer-managed key, the integration role may use it only through DynamoDB: whether DynamoDB needs the
     * caller's own KMS permission or uses the grant it made when the table was created, the calls succeed.
     */
    private PolicyStatement keyStatement(AtomicCounterApiProps props) {
        return PolicyStatement.Builder.create()
                .sid(statementId("TableKey"))
                .actions(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"))
                .resources(List.of(props.getEncryptionKey().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                        "dynamodb." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build();
    }

    private RestApi createRestApi(AtomicCounterApiProps props) {
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.getLogRetention())
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
                        .tracingEnabled(props.isTracing())
                        .metricsEnabled(true)
                        .throttlingRateLimit(props.getThrottlingRateLimit())
                        .throttlingBurstLimit(wholeNumber(props.getThrottlingBurstLimit()))
                        .build());
        if (props.getEndpointType() == EndpointType.PRIVATE) {
            builder.endpointConfiguration(EndpointConfiguration.builder()
                    .types(List.of(EndpointType.PRIVATE))
                    .vpcEndpoints(props.getVpcEndpoints())
                    .build());
            builder.policy(privateApiPolicy(props));
        } else {
            builder.endpointTypes(List.of(props.getEndpointType()));
        }
        if (props.getDomainName() != null) {
            builder.domainName(props.getDomainName());
        }
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

    /**
     * A private API's resource policy (API Gateway refuses to deploy a private API without one): every call that
     * does not come through one of the VPC endpoints is denied; the rest is allowed to the API's own account with
     * IAM auth, where the callers' IAM policies (the grants) still decide, and to anyone who reaches the endpoints
     * with the other auth modes, whose key, token or openness then decides.
     */
    private PolicyDocument privateApiPolicy(AtomicCounterApiProps props) {
        List<String> endpointIds = props.getVpcEndpoints().stream().map(IVpcEndpoint::getVpcEndpointId).toList();
        IPrincipal allowed = props.getAuthMode() == AuthMode.IAM ? new AccountRootPrincipal() : new AnyPrincipal();
        return PolicyDocument.Builder.create().statements(List.of(
                PolicyStatement.Builder.create()
                        .sid("OnlyThroughTheVpcEndpoints")
                        .effect(Effect.DENY)
                        .principals(List.of(new AnyPrincipal()))
                        .actions(List.of("execute-api:Invoke"))
                        .resources(List.of("execute-api:/*"))
                        .conditions(Map.of("StringNotEquals", Map.of("aws:SourceVpce", endpointIds)))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("Invoke")
                        .effect(Effect.ALLOW)
                        .principals(List.of(allowed))
                        .actions(List.of("execute-api:Invoke"))
                        .resources(List.of("execute-api:/*"))
                        .build())).build();
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
        if (route.actionSwitching()) {
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
        if (route.idempotent()) {
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
        for (String part : constantName.toLowerCase(Locale.ROOT).split("_")) {
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

    private void addAlarms(List<IAlarmAction> actions) {
        alarms.add(Alarm.Builder.create(this, "ServerErrorsAlarm")
                .alarmDescription("The counter API answered 5XX")
                .metric(metricServerErrors())
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        alarms.add(Alarm.Builder.create(this, "LatencyAlarm")
                .alarmDescription("p99 latency of the counter API above 1 s for 15 minutes")
                .metric(metricLatency())
                .threshold(1000)
                .evaluationPeriods(3)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        // every action the routes call, reads included: a hot counter's reads throttle too
        alarms.add(Alarm.Builder.create(this, "ThrottlesAlarm")
                .alarmDescription("DynamoDB throttled counter requests (hot counter past 1,000 writes/s?)")
                .metric(metricThrottledRequests(ROUTES, null))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        for (Alarm alarm : alarms) {
            actions.forEach(alarm::addAlarmAction);
        }
    }

    private void addNagSuppressions(AtomicCounterApiProps props) {
        if (props.getWebAclArn() == null) {
            NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-APIG3")
                    .reason("WAF is not attached by default: it costs a web ACL per API and the API is already "
                            + "authenticated, validated and throttled per stage; attach a web ACL to the stage when needed.")
                    .build()), true);
        }
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

    private static Set<String> keys(List<Route> routes) {
        return routes.stream().map(Route::key).collect(Collectors.toUnmodifiableSet());
    }
}
