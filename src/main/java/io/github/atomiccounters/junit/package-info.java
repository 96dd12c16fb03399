/**
 * The counter API served locally as a JUnit 5 fixture, for the tests of applications that call it.
 *
 * <p>Register a {@link io.github.atomiccounters.junit.LocalCounterApiExtension} on a static field (or use
 * {@code @ExtendWith(LocalCounterApiExtension.class)} for every default): before the class runs it serves the API
 * of a synthesized template, or of this library's stack, on a free port with an in-memory DynamoDB Local, and
 * injects a {@link io.github.atomiccounters.junit.LocalCounterApi} (endpoint, credentials, table) and a ready
 * {@link io.github.atomiccounters.client.CounterClient} into test methods, constructors and lifecycle methods.
 * {@link io.github.atomiccounters.junit.TableReset} says when the tables are emptied.
 *
 * <p>Everything it runs on is optional in this library's pom (so that a CDK app using only the construct gets
 * none of it): a consumer adds JUnit Jupiter, the local runtime's dependencies (DynamoDB Local, Jayway JsonPath,
 * json-smart, the JSON Schema validator, the AWS SDK's DynamoDB client and URL connection client) and the
 * client's (the AWS SDK's {@code http-auth-aws} and {@code auth}; in the compile scope when the application itself
 * uses the client) to its test scope; docs/junit-extension.md lists them with their versions.
 */
package io.github.atomiccounters.junit;
