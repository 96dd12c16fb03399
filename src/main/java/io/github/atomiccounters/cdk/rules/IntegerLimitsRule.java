package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.CfnUsagePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bursts, quotas and cache TTLs are integers: API Gateway types {@code MethodSetting.throttlingBurstLimit},
 * {@code MethodSetting.cacheTtlInSeconds}, {@code ThrottleSettings.burstLimit}, {@code QuotaSettings.limit} and
 * {@code QuotaSettings.offset} as {@code Integer} (32-bit), where the rates are {@code Double}. A fraction there is
 * not cut by AWS but refused, and the stack rolls back.
 */
public final class IntegerLimitsRule extends BaseRule {

    /** The rule. */
    public IntegerLimitsRule() {
        super("Deploy-IntegerLimits", "Throttling bursts, usage-plan quotas and cache TTLs are 32-bit integers",
                "https://docs.aws.amazon.com/apigateway/latest/api/API_ThrottleSettings.html");
    }

    @Override
    public List<Finding> check(CfnResource resource, StackResources stack) {
        List<Finding> findings = new ArrayList<>();
        if (resource instanceof CfnStage stage && stack.resolve(stage.getMethodSettings()) instanceof List<?> all) {
            for (int i = 0; i < all.size(); i++) {
                for (String property : List.of("ThrottlingBurstLimit", "CacheTtlInSeconds")) {
                    integer(resource, "MethodSettings[" + i + "]." + property,
                            StackResources.field(all.get(i), property), findings);
                }
            }
        } else if (resource instanceof CfnUsagePlan plan) {
            integer(resource, "Throttle.BurstLimit",
                    StackResources.field(stack.resolve(plan.getThrottle()), "BurstLimit"), findings);
            Object quota = stack.resolve(plan.getQuota());
            integer(resource, "Quota.Limit", StackResources.field(quota, "Limit"), findings);
            integer(resource, "Quota.Offset", StackResources.field(quota, "Offset"), findings);
            if (stack.resolve(plan.getApiStages()) instanceof List<?> stages) {
                for (int i = 0; i < stages.size(); i++) {
                    if (StackResources.field(stages.get(i), "Throttle") instanceof Map<?, ?> perMethod) {
                        for (Map.Entry<?, ?> e : perMethod.entrySet()) {
                            integer(resource, "ApiStages[" + i + "].Throttle." + e.getKey() + ".BurstLimit",
                                    StackResources.field(e.getValue(), "BurstLimit"), findings);
                        }
                    }
                }
            }
        }
        return findings;
    }

    private void integer(CfnResource resource, String property, Object value, List<Finding> findings) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                findings.add(finding(resource, property, n, "API Gateway takes a 32-bit integer here"));
            }
        } else if (value != null && StackResources.known(value)) {
            findings.add(finding(resource, property, value, "API Gateway takes a 32-bit integer here"));
        }
    }
}
