package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;

import java.util.List;

/**
 * A web ACL associated with a regional resource, an API Gateway stage among them, has the scope {@code REGIONAL}
 * (ARN {@code ...:regional/webacl/...}): a {@code CLOUDFRONT} web ACL ({@code ...:global/webacl/...}) is only for
 * CloudFront distributions, and WAF refuses the association (AWS WAF developer guide, "Associating or
 * disassociating a web ACL with an AWS resource"). Read from a literal ARN or from a web ACL of the same stack.
 */
public final class WebAclScopeRule extends BaseRule {

    /** The rule. */
    public WebAclScopeRule() {
        super("Deploy-WebAclScope", "A web ACL associated with an API Gateway stage is a regional one",
                "https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (!(resource instanceof CfnWebACLAssociation association)) {
            return List.of();
        }
        Object arn = stack.resolve(association.getWebAclArn());
        if (arn instanceof String text && StackResources.known(text) && !text.contains(":regional/webacl/")) {
            return List.of(finding(resource, "WebACLArn", text, "only a regional web ACL (scope REGIONAL, "
                    + "arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/...) can be associated with a regional resource "
                    + "such as an API Gateway stage"));
        }
        if (stack.referenced(arn).orElse(null) instanceof CfnWebACL acl
                && stack.resolve(acl.getScope()) instanceof String scope && !scope.equals("REGIONAL")) {
            return List.of(finding(resource, "WebACLArn", scope, "the web ACL " + StackResources.path(acl) + " has "
                    + "scope " + scope + ": only a REGIONAL one can be associated with an API Gateway stage"));
        }
        return List.of();
    }
}
