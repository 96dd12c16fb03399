package io.github.atomiccounters.cdk;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.DomainNameOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.IVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAttributes;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;

/** What the tests give the props of the resources the construct owns: a VPC endpoint, a key, a role, a domain. */
final class OwnedResources {
    static final String VPC_ENDPOINT_ID = "vpce-0123456789abcdef0";
    static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String WEB_ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/counters/"
            + "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
    static final String CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/"
            + "12345678-1234-1234-1234-123456789012";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:counter-alarms";
    static final String DOMAIN = "counters.example.com";

    private OwnedResources() {
    }

    static IVpcEndpoint vpcEndpoint(Stack stack) {
        return InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, "Endpoint",
                InterfaceVpcEndpointAttributes.builder().vpcEndpointId(VPC_ENDPOINT_ID).port(443).build());
    }

    static IKey key(Stack stack) {
        return Key.fromKeyArn(stack, "TableKey", KEY_ARN);
    }

    /** A role of the deployer's in the same stack, which API Gateway may assume. */
    static IRole role(Stack stack) {
        return Role.Builder.create(stack, "ApprovedRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com")).build();
    }

    static DomainNameOptions domain(Stack stack, String basePath) {
        return DomainNameOptions.builder().domainName(DOMAIN)
                .certificate(Certificate.fromCertificateArn(stack, "Certificate", CERTIFICATE_ARN))
                .basePath(basePath).build();
    }
}
