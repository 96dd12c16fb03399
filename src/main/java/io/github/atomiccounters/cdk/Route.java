package io.github.atomiccounters.cdk;

import java.util.List;
import java.util.Objects;

/**
 * The routes of the counter API, one descriptor each: the one place that says what a route is. The construct builds
 * each method from it ({@link AtomicCounterApi#ROUTES}), the grants name routes by it
 * ({@link AtomicCounterApi#grantInvoke(software.amazon.awscdk.services.iam.IGrantable, Route...)}), the OpenAPI
 * document takes each operation's id, summary and answers from it, and {@code verify} calls every route with its
 * {@link #exampleBody() example body} and expects its {@link #successStatus() success status}.
 *
 * <p>The order is the one {@code verify} calls them in on one counter it has set first: each route succeeds after the
 * ones before it (increment creates the counter again after delete; the shard routes come last).
 */
public enum Route {
    /** {@code GET /counters/{name}}: read a counter. */
    GET_COUNTER(spec("GET", "/counters/{name}", Access.READ).dynamoDb("GetItem")
            .templates("request/get.vtl", "response/get.vtl")
            .openApi("getCounter", "Read a counter", "Counter", "The counter's current value.")
            .notFound("The counter does not exist (error NotFound).")),

    /** {@code PUT /counters/{name}}: set a counter, optionally only if it holds an expected value. */
    SET_COUNTER(spec("PUT", "/counters/{name}", Access.UPDATE).dynamoDb("UpdateItem")
            .templates("request/put.vtl", "response/put.vtl").model("models/put.json").idempotent()
            .actionSwitching().example("{\"value\": 0}")
            .openApi("setCounter", "Set a counter", "Counter", "The counter now holds the value.")
            .conflict("The counter does not hold the expected value (error ExpectedValueMismatch; value is the "
                    + "current value)" + Spec.IDEMPOTENCY_CONFLICTS)),

    /** {@code DELETE /counters/{name}}: delete a counter. */
    DELETE_COUNTER(spec("DELETE", "/counters/{name}", Access.DELETE).dynamoDb("DeleteItem")
            .templates("request/delete.vtl", "response/delete.vtl").success("204")
            .openApi("deleteCounter", "Delete a counter", null, "The counter is deleted (or did not exist).")),

    /** {@code POST /counters/{name}/increment}: add to a counter, with an optional bound and rate-limit window. */
    INCREMENT(spec("POST", "/counters/{name}/increment", Access.UPDATE).dynamoDb("UpdateItem")
            .templates("request/increment.vtl", "response/update.vtl").model("models/increment.json").idempotent()
            .actionSwitching().example("{\"by\": 1}")
            .openApi("incrementCounter", "Increment a counter", "CounterUpdate",
                    "The new value and the one it replaced.")
            .conflict("The update would take the counter past max, or the rate-limit window is full (error "
                    + "LimitExceeded; value is the current value; a window also gives limit, resetAt and "
                    + "Retry-After)" + Spec.IDEMPOTENCY_CONFLICTS)),

    /** {@code POST /counters/{name}/decrement}: subtract from a counter, with an optional lower bound. */
    DECREMENT(spec("POST", "/counters/{name}/decrement", Access.UPDATE).dynamoDb("UpdateItem")
            .templates("request/decrement.vtl", "response/update.vtl").model("models/decrement.json").idempotent()
            .actionSwitching().example("{\"by\": 1}")
            .openApi("decrementCounter", "Decrement a counter", "CounterUpdate",
                    "The new value and the one it replaced.")
            .conflict("The update would take the counter below min (error LimitExceeded; value is the current "
                    + "value)" + Spec.IDEMPOTENCY_CONFLICTS)),

    /**
     * {@code POST /counters/{name}/next}: reserve the next ids of a sequence. Idempotent in one UpdateItem (its
     * answer must carry the ids), so it does not switch actions.
     */
    NEXT(spec("POST", "/counters/{name}/next", Access.UPDATE).dynamoDb("UpdateItem")
            .templates("request/next.vtl", "response/next.vtl").model("models/next.json").idempotent()
            .example("{\"count\": 1}")
            .openApi("nextIds", "Reserve the next ids of a sequence", "IdRange", "The caller owns every id from "
                    + "first to value (with an Idempotency-Key: the ids its first call reserved, replayed says "
                    + "whether that was this call).")
            .conflict("The sequence cannot advance (error LimitExceeded; value is the current value); with an "
                    + "Idempotency-Key also: the key came with another count (IdempotencyKeyReused), or the "
                    + "sequence was never prepared by PUT /counters/{name} (SequenceNotPrepared; nothing was "
                    + "reserved).")),

    /** {@code POST /counters/{name}/shards/increment}: add to one shard of a sharded counter. */
    SHARD_INCREMENT(spec("POST", "/counters/{name}/shards/increment", Access.UPDATE).dynamoDb("UpdateItem")
            .templates("request/shard-increment.vtl", "response/shard-increment.vtl")
            .model("models/shard-increment.json").example("{\"by\": 1}")
            .openApi("incrementShardedCounter", "Increment a sharded counter (one of its shards)", "ShardUpdate",
                    "The shard that took the update and that shard's new value.")),

    /** {@code GET /counters/{name}/shards}: the exact sum of a sharded counter's shards, in one Query. */
    GET_SHARDS(spec("GET", "/counters/{name}/shards", Access.READ).dynamoDb("Query")
            .templates("request/shards.vtl", "response/shards.vtl")
            .openApi("getShardedCounter", "Read a sharded counter (the exact sum of its shards)", "ShardedCounter",
                    "The sum of the counter's shards and how many shards exist.")
            .notFound("The sharded counter does not exist (error NotFound).")),

    /**
     * {@code DELETE /counters/{name}/shards}: every shard item a sharded counter can have, deleted in one
     * transaction of Delete actions, which DynamoDB authorizes as DeleteItem.
     */
    DELETE_SHARDS(spec("DELETE", "/counters/{name}/shards", Access.DELETE).dynamoDb("TransactWriteItems")
            .iamAction("DeleteItem").templates("request/delete-shards.vtl", "response/delete.vtl").success("204")
            .openApi("deleteShardedCounter", "Delete a sharded counter (every shard item)", null,
                    "The sharded counter is deleted (or did not exist).")
            .conflict("Another update of one of its shards was in progress (error ConcurrentUpdate, Retry-After): "
                    + "nothing was deleted; retry."));

    /** What a route does to counters, which the grants go by. */
    public enum Access {
        /** Reads counters. */
        READ,
        /** Changes counters' values (creating them), never deleting one. */
        UPDATE,
        /** Deletes counters. */
        DELETE
    }

    private final Spec spec;

    Route(Spec spec) {
        this.spec = spec;
    }

    /**
     * The HTTP method.
     *
     * @return e.g. {@code POST}
     */
    public String httpMethod() {
        return spec.httpMethod;
    }

    /**
     * The resource path below the stage.
     *
     * @return e.g. {@code /counters/{name}/increment}
     */
    public String path() {
        return spec.path;
    }

    /**
     * The route as API Gateway and the local runtime name it.
     *
     * @return e.g. {@code POST /counters/{name}/increment}
     */
    public String key() {
        return spec.httpMethod + " " + spec.path;
    }

    /**
     * What the route does to counters.
     *
     * @return read, update or delete
     */
    public Access access() {
        return spec.access;
    }

    /**
     * The DynamoDB action the integration calls; an {@link #actionSwitching() action-switching} route may switch to
     * {@code TransactWriteItems} per request.
     *
     * @return e.g. {@code UpdateItem}
     */
    public String action() {
        return spec.action;
    }

    /**
     * The DynamoDB action (without {@code dynamodb:}) the integration role is granted for the route: the action
     * itself, except for a transaction, which DynamoDB authorizes per item action.
     *
     * @return e.g. {@code DeleteItem}
     */
    public String iamAction() {
        return spec.iamAction;
    }

    /**
     * The request mapping template.
     *
     * @return a file relative to {@code velocity-templates/}
     */
    public String requestTemplate() {
        return spec.requestTemplate;
    }

    /**
     * The mapping template of the success answer.
     *
     * @return a file relative to {@code velocity-templates/}
     */
    public String responseTemplate() {
        return spec.responseTemplate;
    }

    /**
     * The JSON Schema (draft 4) of the request body.
     *
     * @return a file relative to {@code velocity-templates/}, or null for a route without a body
     */
    public String model() {
        return spec.model;
    }

    /**
     * The status of the success answer.
     *
     * @return {@code "200"} or {@code "204"}
     */
    public String successStatus() {
        return spec.successStatus;
    }

    /**
     * Whether the request template takes an optional {@code Idempotency-Key} header: increment, decrement and set
     * run in a transaction with marker items; next keeps its keys on the counter item (it must return the ids).
     *
     * @return true when the method declares the header
     */
    public boolean idempotent() {
        return spec.idempotent;
    }

    /**
     * Whether the request template picks the DynamoDB action per request (UpdateItem, or TransactWriteItems with an
     * Idempotency-Key). Such a route uses a path-style integration whose {@code X-Amz-Target} and
     * {@code Content-Type} are integration request parameters, which the template's
     * {@code $context.requestOverride.header.X-Amz-Target} replaces: the mechanism AWS documents for overrides
     * ("after standard API Gateway mappings have been applied"). Every other route names its one action in an
     * action-style URI. See docs/aws-fidelity.md.
     *
     * @return true for a path-style integration with an overridable target
     */
    public boolean actionSwitching() {
        return spec.actionSwitching;
    }

    /**
     * A valid request body, which {@code verify} sends to check the route answers {@link #successStatus()}.
     *
     * @return JSON text, or null for a route without a body
     */
    public String exampleBody() {
        return spec.exampleBody;
    }

    /**
     * The OpenAPI operation id.
     *
     * @return e.g. {@code incrementCounter}
     */
    public String operationId() {
        return spec.operationId;
    }

    /**
     * The OpenAPI summary.
     *
     * @return e.g. {@code Increment a counter}
     */
    public String summary() {
        return spec.summary;
    }

    /**
     * The OpenAPI component schema of the success answer's body.
     *
     * @return e.g. {@code CounterUpdate}, or null for a route answering 204
     */
    public String successSchema() {
        return spec.successSchema;
    }

    /**
     * What the success answer means, in the OpenAPI document.
     *
     * @return one sentence
     */
    public String successDescription() {
        return spec.successDescription;
    }

    /**
     * What a 404 answer means for this route, in the OpenAPI document.
     *
     * @return one sentence, or null for the generic text
     */
    public String notFoundDescription() {
        return spec.notFound;
    }

    /**
     * What a 409 answer means for this route, in the OpenAPI document.
     *
     * @return one or two sentences, or null for the generic text
     */
    public String conflictDescription() {
        return spec.conflict;
    }

    /**
     * The route of a method and path.
     *
     * @param httpMethod e.g. {@code GET}
     * @param path       e.g. {@code /counters/{name}}
     * @return the route, or null when the API has no such route
     */
    public static Route of(String httpMethod, String path) {
        for (Route route : values()) {
            if (route.spec.httpMethod.equals(httpMethod) && route.spec.path.equals(path)) {
                return route;
            }
        }
        return null;
    }

    /**
     * The routes with one kind of access, in table order.
     *
     * @param access read, update or delete
     * @return those routes
     */
    public static List<Route> withAccess(Access access) {
        return java.util.Arrays.stream(values()).filter(r -> r.spec.access == access).toList();
    }

    private static Spec spec(String httpMethod, String path, Access access) {
        return new Spec(httpMethod, path, access);
    }

    /** A route's facts, set by the constants above (a builder, so that each constant reads as prose). */
    private static final class Spec {
        static final String IDEMPOTENCY_CONFLICTS = "; with an Idempotency-Key also: the key was used with another "
                + "request (IdempotencyKeyReused) or another update of the counter was in progress "
                + "(ConcurrentUpdate, retry after Retry-After).";

        final String httpMethod;
        final String path;
        final Access access;
        String action;
        String iamAction;
        String requestTemplate;
        String responseTemplate;
        String model;
        String successStatus = "200";
        boolean idempotent;
        boolean actionSwitching;
        String exampleBody;
        String operationId;
        String summary;
        String successSchema;
        String successDescription;
        String notFound;
        String conflict;

        Spec(String httpMethod, String path, Access access) {
            this.httpMethod = httpMethod;
            this.path = path;
            this.access = access;
        }

        Spec dynamoDb(String dynamoDbAction) {
            this.action = dynamoDbAction;
            this.iamAction = dynamoDbAction;
            return this;
        }

        Spec iamAction(String authorizedAs) {
            this.iamAction = authorizedAs;
            return this;
        }

        Spec templates(String request, String response) {
            this.requestTemplate = request;
            this.responseTemplate = response;
            return this;
        }

        Spec model(String schemaFile) {
            this.model = schemaFile;
            return this;
        }

        Spec success(String status) {
            this.successStatus = status;
            return this;
        }

        Spec idempotent() {
            this.idempotent = true;
            return this;
        }

        Spec actionSwitching() {
            this.actionSwitching = true;
            return this;
        }

        Spec example(String json) {
            this.exampleBody = json;
            return this;
        }

        Spec openApi(String id, String text, String schema, String successText) {
            this.operationId = Objects.requireNonNull(id);
            this.summary = Objects.requireNonNull(text);
            this.successSchema = schema;
            this.successDescription = Objects.requireNonNull(successText);
            return this;
        }

        Spec notFound(String text) {
            this.notFound = text;
            return this;
        }

        Spec conflict(String text) {
            this.conflict = text;
            return this;
        }
    }
}
