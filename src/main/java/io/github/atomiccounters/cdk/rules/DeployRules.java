package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The deploy-rules pack: what AWS services check when CloudFormation creates or updates the resources, checked at
 * synthesis so that a stack that would roll back never leaves the machine. {@link #addTo} registers every rule of
 * {@link #RULES} as a construct validation: {@code cdk synth} (and a test's synthesis) then fails with each
 * finding's rule id, resource path and value. {@link TemplateSizeRule}, which needs the written template, is a
 * validation plugin registered on the app instead.
 */
public final class DeployRules {
    /** The pack's name: the prefix of its rule ids in acknowledgments ({@code deploy-rules::Deploy-LoggingRole}). */
    public static final String PACK = "deploy-rules";

    /** Every rule run as a construct validation, one constraint each. */
    public static final List<DeployRule> RULES = List.of(
            new ModelNameRule(),
            new ModelSchemaSizeRule(),
            new StageNameRule(),
            new StageVariablesRule(),
            new IntegerLimitsRule(),
            new StageDependencyRule(),
            new ApiKeyValueRule(),
            new AuthorizerTtlRule(),
            new CognitoAuthorizerRule(),
            new MethodAuthorizerRule(),
            new MethodReferencesRule(),
            new AccessLogFormatRule(),
            new AccessLogDestinationRule(),
            new LoggingRoleRule(),
            new MappingTemplateSizeRule(),
            new GatewayResponseTemplateRule(),
            new ResponseMappingRule(),
            new PrivateApiPolicyRule(),
            new DomainCertificateRule(),
            new BasePathRule(),
            new WebAclScopeRule());

    /**
     * Acknowledgments by construct (its jsii proxy, the same object for the same construct): rule id -> reason.
     * Kept here because a construct's metadata cannot be read back reliably during synthesis; each is also recorded
     * with the CDK's own {@code Validations.acknowledge}, which puts it in the cloud assembly.
     */
    private static final Map<IConstruct, Map<String, String>> ACKNOWLEDGED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private DeployRules() {
    }

    /**
     * Registers the pack on {@code scope}: when the app is synthesized, every rule checks every L1 resource under
     * {@code scope} (including what is added to it later, e.g. through {@code getApi()}), and synthesis fails with
     * the findings not acknowledged, or with the error if a rule could not run.
     *
     * @param scope the construct whose resources to check, e.g. an {@code AtomicCounterApi}
     */
    public static void addTo(IConstruct scope) {
        addTo(scope, RULES);
    }

    /** {@link #addTo(IConstruct)} with other rules (tests). */
    static void addTo(IConstruct scope, List<DeployRule> rules) {
        scope.getNode().addValidation(() -> {
            try {
                return check(scope, rules).stream().map(Finding::toString).toList();
            } catch (RuntimeException e) {
                // a validation that throws does not fail synthesis: report it as an error instead
                return List.of("[" + PACK + "] the deploy rules could not check " + scope.getNode().getPath() + ": "
                        + e);
            }
        });
    }

    /**
     * The findings of every rule on the L1 resources under {@code scope}, without those acknowledged.
     *
     * @param scope a construct in a stack
     * @return the findings, in construct-tree order, then rule order
     */
    public static List<Finding> check(IConstruct scope) {
        return check(scope, RULES);
    }

    private static List<Finding> check(IConstruct scope, List<DeployRule> rules) {
        StackResources stack = StackResources.of(Stack.of(scope));
        List<Finding> findings = new ArrayList<>();
        for (IConstruct child : scope.getNode().findAll()) {
            if (child instanceof CfnResource resource) {
                // each lookup of a construct's scopes is a call into the CDK's runtime: only when acknowledged
                List<IConstruct> scopes = ACKNOWLEDGED.isEmpty() ? List.of() : resource.getNode().getScopes();
                for (DeployRule rule : rules) {
                    if (acknowledgment(scopes, rule.id()) == null) {
                        findings.addAll(rule.check(resource, stack));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * Acknowledges a rule for {@code scope} and everything under it, with the reason it does not apply there. Also
     * recorded with the CDK's own acknowledgment ({@code Validations.of(scope).acknowledge}), in the construct
     * metadata of the cloud assembly.
     *
     * @param scope  the construct the acknowledgment covers
     * @param ruleId the rule, e.g. {@code Deploy-LoggingRole}
     * @param reason why the deployment does not need the rule, e.g. "the account already has the role"
     */
    public static void acknowledge(IConstruct scope, String ruleId, String reason) {
        ACKNOWLEDGED.computeIfAbsent(scope, s -> Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(ruleId, reason);
        Validations.of(scope).acknowledge(Acknowledgment.builder().id(PACK + "::" + ruleId).reason(reason).build());
    }

    /**
     * The reason a rule is acknowledged for a construct, on it or on one of its scopes.
     *
     * @param construct a construct
     * @param ruleId    the rule
     * @return the reason, or null when the rule applies
     */
    public static String acknowledgment(IConstruct construct, String ruleId) {
        return acknowledgment(construct.getNode().getScopes(), ruleId);
    }

    private static String acknowledgment(List<IConstruct> scopes, String ruleId) {
        for (IConstruct scope : scopes) {
            Map<String, String> rules = ACKNOWLEDGED.get(scope);
            if (rules != null && rules.containsKey(ruleId)) {
                return rules.get(ruleId);
            }
        }
        return null;
    }
}
