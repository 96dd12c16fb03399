package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole CloudFormation template is at most 1 MB: "Template body size in an Amazon S3 object: 1 MB"; an inline
 * body ({@code --template-body}) takes at most 51,200 bytes, so {@code cdk deploy} uploads larger templates to the
 * bootstrap bucket (CloudFormation quotas). The size is known only once the template is written, so this rule is a
 * CDK validation plugin that reads the synthesized files, not a construct validation: register it on the app with
 * {@code Validations.of(app).addPlugins(new TemplateSizeRule())} ({@code CounterApp} does).
 */
public final class TemplateSizeRule implements IPolicyValidationPlugin {
    /** The rule's id. */
    public static final String ID = "Deploy-TemplateSize";
    /** What the rule checks, in one line. */
    public static final String DESCRIPTION = "The synthesized template is at most 1 MB (it travels through S3)";
    /** The AWS documentation it enforces. */
    public static final String SOURCE =
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html";
    /** 1 MB: the largest template CloudFormation reads from S3. */
    public static final long MAX_TEMPLATE_BYTES = 1024 * 1024;
    /** The largest template body CloudFormation takes inline; a larger one needs {@code cdk bootstrap}'s bucket. */
    public static final long MAX_INLINE_TEMPLATE_BYTES = 51_200;

    @Override
    public String getName() {
        return DeployRules.PACK;
    }

    @Override
    public List<String> getRuleIds() {
        return List.of(ID);
    }

    /**
     * The problem of one synthesized template file, if it is over {@link #MAX_TEMPLATE_BYTES}.
     *
     * @param template a template file as the CDK wrote it
     * @return the problem, naming the file, its size and the limit
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Optional<String> problem(Path template) {
        long bytes;
        try {
            bytes = Files.size(template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        return bytes <= MAX_TEMPLATE_BYTES ? Optional.empty() : Optional.of("[" + ID + "] " + template.getFileName()
                + " is " + bytes + " bytes, but CloudFormation accepts a template of at most " + MAX_TEMPLATE_BYTES
                + " bytes (1 MB) from S3 (" + SOURCE + ")");
    }

    @Override
    public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
        List<PolicyViolation> violations = new ArrayList<>();
        for (String path : context.getTemplatePaths()) {
            problem(Path.of(path)).ifPresent(problem -> violations.add(PolicyViolation.builder()
                    .ruleName(ID)
                    .description(problem)
                    .fix("Make the template smaller (shorter mapping templates, fewer resources) or split the stack")
                    .violatingResources(List.of(PolicyViolatingResource.builder()
                            .resourceLogicalId("(template)")
                            .templatePath(path)
                            .locations(List.of("(whole template)"))
                            .build()))
                    .build()));
        }
        return PolicyValidationPluginReport.builder().success(violations.isEmpty()).violations(violations).build();
    }
}
