package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.CfnDomainName;

import java.util.List;

/**
 * A custom domain name's ACM certificate is where API Gateway looks for it: an edge-optimized domain (the default
 * endpoint type of {@code AWS::ApiGateway::DomainName}) takes a {@code CertificateArn} in US East (N. Virginia),
 * because CloudFront serves it; a regional domain takes a {@code RegionalCertificateArn} in the API's own region
 * (developer guide, "Custom domain names for public REST APIs": prerequisites). A certificate of another region is
 * refused when the domain is created. An ARN or a region known only at deploy time is skipped.
 */
public final class DomainCertificateRule extends BaseRule {

    /** The rule. */
    public DomainCertificateRule() {
        super("Deploy-DomainCertificate", "An edge domain's certificate is in us-east-1, a regional one's in its region",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        if (!(resource instanceof CfnDomainName domain)) {
            return List.of();
        }
        boolean regional = StackResources.field(stack.resolve(domain.getEndpointConfiguration()), "Types")
                instanceof List<?> types && types.contains("REGIONAL");
        Object arn = stack.resolve(regional ? domain.getRegionalCertificateArn() : domain.getCertificateArn());
        String property = regional ? "RegionalCertificateArn" : "CertificateArn";
        if (arn == null) {
            return List.of(finding(resource, property, "none", (regional ? "a regional" : "an edge-optimized")
                    + " domain name takes its certificate in " + property));
        }
        if (!(arn instanceof String text) || !StackResources.known(text) || text.split(":").length < 4) {
            return List.of();
        }
        String region = text.split(":")[3];
        String expected = regional ? Stack.of(resource).getRegion() : "us-east-1";
        if (!Token.isUnresolved(expected) && !region.equals(expected)) {
            return List.of(finding(resource, property, text, (regional ? "a regional domain name's certificate is "
                    + "in the API's region, " : "an edge-optimized domain name's certificate is in us-east-1 (CloudFront "
                    + "serves it), ") + expected + ", not " + region));
        }
        return List.of();
    }
}
