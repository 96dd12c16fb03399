/**
 * Reads a CDK-synthesized CloudFormation template into an immutable model of the API Gateway REST API (v1) and
 * its DynamoDB tables, resolving intrinsics locally ({@link io.github.atomiccounters.apimodel.IntrinsicResolver}).
 *
 * <p>Entry point: {@link io.github.atomiccounters.apimodel.ApiModel#fromTemplate(com.fasterxml.jackson.databind.JsonNode,
 * io.github.atomiccounters.apimodel.LocalFacts)}. Problems are reported as
 * {@link io.github.atomiccounters.apimodel.TemplateException} with a JSON-pointer-like path into the template.
 */
package io.github.atomiccounters.apimodel;
