package io.github.atomiccounters.cdk;

import io.github.atomiccounters.testing.Synthesized;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app synthesized as {@code cdk synth} would (cdk.json's context plus test options), for CDK assertions.
 * Backed by {@link Synthesized}: each context is synthesized once per JVM, whichever test class asks first.
 */
final class Synth {
    final Template template;
    private final Synthesized synthesized;

    private Synth(Synthesized synthesized) {
        this.synthesized = synthesized;
        this.template = Template.fromJSON(synthesized.template());
    }

    static Synth of(Map<String, ?> options) {
        return new Synth(Synthesized.of(options));
    }

    /** cdk-nag's AwsSolutions findings that are not acknowledged: errors and warnings. */
    List<String> nagFindings() {
        return synthesized.nagFindings();
    }

    /** The synthesis's warnings whose text matches {@code regex}, read from the one cached synthesis. */
    List<Synthesized.Message> warnings(String regex) {
        return synthesized.warnings(regex);
    }

    /** The only resource of a type, as a map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> only(String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
