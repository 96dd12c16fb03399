package io.github.atomiccounters.cdk.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.CfnAuthorizer;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CfnRequestValidator;
import software.amazon.awscdk.services.apigateway.CfnRestApi;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every L1 resource of one stack, with what rules need to read them: values resolved to CloudFormation's shapes,
 * references followed, dependencies looked up. Built once per synthesis check.
 */
public final class StackResources {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The L1 types a rule follows a {@code Ref} to: only these are indexed by logical id (resolving ids is slow). */
    private static final List<Class<? extends CfnResource>> REFERENCED = List.of(CfnRestApi.class, CfnStage.class,
            CfnModel.class, CfnRequestValidator.class, CfnAuthorizer.class, CfnWebACL.class);

    private final Stack stack;
    private final List<CfnResource> all = new ArrayList<>();
    private Map<String, CfnResource> byLogicalId;

    private StackResources(Stack stack) {
        this.stack = stack;
        for (IConstruct child : stack.getNode().findAll()) {
            if (child instanceof CfnResource resource) {
                all.add(resource);
            }
        }
    }

    private Map<String, CfnResource> byLogicalId() {
        if (byLogicalId == null) {
            byLogicalId = new LinkedHashMap<>();
            for (CfnResource resource : all) {
                if (REFERENCED.stream().anyMatch(t -> t.isInstance(resource)) && Stack.of(resource) == stack
                        && stack.resolve(resource.getLogicalId()) instanceof String logicalId) {
                    byLogicalId.put(logicalId, resource);
                }
            }
        }
        return byLogicalId;
    }

    /**
     * The L1 resources of a stack, as its construct tree holds them now.
     *
     * @param stack the stack
     * @return its resources
     */
    public static StackResources of(Stack stack) {
        return new StackResources(stack);
    }

    /**
     * Every L1 resource of the stack, in construct-tree order.
     *
     * @return the resources
     */
    public List<CfnResource> all() {
        return all;
    }

    /**
     * The stack's resources of one L1 type.
     *
     * @param type e.g. {@code CfnStage.class}
     * @param <T>  the type
     * @return those resources, in construct-tree order
     */
    public <T extends CfnResource> List<T> ofType(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * A value as CloudFormation will receive it: tokens resolved to intrinsics ({@code {"Ref": ...}}), lazy values
     * produced. Struct properties keep the L1's camelCase keys; read them with {@link #field}.
     *
     * @param value an L1 property value
     * @return the resolved value
     */
    public Object resolve(Object value) {
        return stack.resolve(value);
    }

    /**
     * The resource a resolved {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, ...]}} points at, if it is in this
     * stack and is a REST API, stage, model, request validator, authorizer or WAF web ACL.
     *
     * @param resolved a resolved value
     * @return the resource referenced
     */
    public Optional<CfnResource> referenced(Object resolved) {
        if (resolved instanceof Map<?, ?> map && map.size() == 1) {
            Object target = map.containsKey("Ref") ? map.get("Ref")
                    : map.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty() ? getAtt.get(0) : null;
            if (target instanceof String id) {
                return Optional.ofNullable(byLogicalId().get(id));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether CloudFormation creates {@code on} before {@code from}: an explicit {@code DependsOn} (on the L1 or,
     * as {@code node.addDependency}, on a construct that holds it), or a {@code Ref}/{@code Fn::GetAtt} in
     * {@code reference} when given.
     *
     * @param from      the dependent resource
     * @param on        the resource it must wait for
     * @param reference a resolved value of {@code from} that may reference {@code on}, or null
     * @return true when {@code on} is created first
     */
    public boolean createdBefore(CfnResource from, CfnResource on, Object reference) {
        if (reference != null && referenced(reference).filter(r -> samePath(r, on)).isPresent()) {
            return true;
        }
        for (Object dependency : from.obtainDependencies()) {
            if (dependency instanceof IConstruct c && within(on, c)) {
                return true;
            }
        }
        for (IConstruct scope : from.getNode().getScopes()) {
            for (IConstruct dependency : scope.getNode().getDependencies()) {
                if (within(on, dependency)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean within(IConstruct construct, IConstruct scope) {
        String path = construct.getNode().getPath();
        String root = scope.getNode().getPath();
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static boolean samePath(IConstruct a, IConstruct b) {
        return a.getNode().getPath().equals(b.getNode().getPath());
    }

    /**
     * Whether a resolved value is fully known at synthesis: no intrinsic function, no unresolved token in it.
     *
     * @param resolved a resolved value
     * @return false when some part is known only at deploy time
     */
    public static boolean known(Object resolved) {
        if (resolved instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.keySet().iterator().next() instanceof String key
                    && (key.equals("Ref") || key.startsWith("Fn::"))) {
                return false;
            }
            return map.values().stream().allMatch(StackResources::known);
        }
        if (resolved instanceof List<?> list) {
            return list.stream().allMatch(StackResources::known);
        }
        return !(resolved instanceof String s) || !Token.isUnresolved(s);
    }

    /**
     * A property of a resolved struct, by its CloudFormation name or the same name in camelCase (the L1 structs'
     * keys before rendering).
     *
     * @param struct     a resolved struct (a map), or anything else
     * @param pascalCase the CloudFormation name, e.g. {@code ThrottlingBurstLimit}
     * @return the value, or null when absent or when {@code struct} is not a map
     */
    public static Object field(Object struct, String pascalCase) {
        if (!(struct instanceof Map<?, ?> map)) {
            return null;
        }
        Object value = map.get(pascalCase);
        return value != null ? value
                : map.get(Character.toLowerCase(pascalCase.charAt(0)) + pascalCase.substring(1));
    }

    /**
     * A value as JSON, for findings.
     *
     * @param value a resolved value
     * @return its JSON text
     */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * The construct path of a resource, for findings.
     *
     * @param resource an L1 resource
     * @return e.g. {@code AtomicCounters/Counters/Resource/DeploymentStage.v1/Resource}
     */
    public static String path(CfnResource resource) {
        return resource.getNode().getPath();
    }
}
