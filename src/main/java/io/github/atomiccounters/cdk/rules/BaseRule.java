package io.github.atomiccounters.cdk.rules;

import software.amazon.awscdk.CfnResource;

/** A rule's id, description and source, and findings that carry them. */
abstract class BaseRule implements DeployRule {
    private final String id;
    private final String description;
    private final String source;

    BaseRule(String id, String description, String source) {
        this.id = id;
        this.description = description;
        this.source = source;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String source() {
        return source;
    }

    /** A finding on {@code resource}; the value is shown as JSON, the requirement ends with this rule's source. */
    final Finding finding(CfnResource resource, String property, Object value, String problem) {
        return new Finding(id, StackResources.path(resource), property, StackResources.json(value),
                problem + " (" + source + ")");
    }
}
