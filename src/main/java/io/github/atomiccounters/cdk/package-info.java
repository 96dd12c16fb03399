/**
 * The AWS CDK (Java) side: a DynamoDB table of atomic counters behind an API Gateway REST API whose AWS service
 * integrations call DynamoDB directly through VTL mapping templates, with no Lambda in the path.
 *
 * <p>Three layers, each usable on its own:
 * <ul>
 *   <li>{@link io.github.atomiccounters.cdk.AtomicCounterApi}: the reusable construct. Put it in any stack of your
 *       own and configure it with {@link io.github.atomiccounters.cdk.AtomicCounterApiProps} (table, key and value
 *       names, {@link io.github.atomiccounters.cdk.AuthMode auth mode}, throttling, CORS, stage, and what it owns:
 *       role, alarms, endpoint type, tracing, logs, table key, domain, web ACL); every prop has a secure default.
 *       Grant callers routes of the {@link io.github.atomiccounters.cdk.Route route table} with its
 *       {@code grantXxx} methods; watch it with its {@code metricXxx} methods. From this library's jar it needs only
 *       the non-optional dependencies: {@code aws-cdk-lib}, {@code constructs}, {@code cdknag} and Jackson.</li>
 *   <li>{@link io.github.atomiccounters.cdk.CounterStack}: the deployable stack, one construct configured from CDK
 *       context options ({@code -c auth=api-key}, ...), with the outputs {@code ApiUrl} and {@code TableName}.</li>
 *   <li>{@link io.github.atomiccounters.cdk.CounterApp}: the CDK app that {@code cdk.json} runs, checked by cdk-nag's
 *       AwsSolutions pack; it also synthesizes in-process for the local runtime.</li>
 * </ul>
 *
 * <p>The mapping templates are the files under {@code velocity-templates/}, read from the classpath by
 * {@link io.github.atomiccounters.cdk.TemplateFiles} and deployed as they are. At synthesis, the deploy-rules pack
 * (package {@code io.github.atomiccounters.cdk.rules}) checks what AWS services refuse at deploy time: model and
 * stage names, stage variables, integer limits, logging without the account's role, template sizes, and more.
 * The HTTP API these deploy is described in the project's README; {@link io.github.atomiccounters.client} is a
 * typed Java client of it.
 */
package io.github.atomiccounters.cdk;
