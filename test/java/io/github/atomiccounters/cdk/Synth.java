package io.github.atomiccounters.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthesizes the app as {@code cdk synth} would (cdk.json's context plus test options), once per test class. */
final class Synth {
    final CounterStack stack;
    final Template template;

    private Synth(CounterStack stack) {
        this.stack = stack;
        this.template = Template.fromStack(stack);
    }

    static Synth of(Map<String, Object> options) {
        Map<String, Object> context = new LinkedHashMap<>(CounterApp.readContext(Path.of("cdk.json")));
        context.putAll(options);
        App app = new App(AppProps.builder().context(context).build());
        CounterStack stack = CounterApp.addStack(app);
        app.synth();
        return new Synth(stack);
    }

    /** cdk-nag's AwsSolutions findings that are not acknowledged: errors and warnings. */
    List<String> nagFindings() {
        Annotations annotations = Annotations.fromStack(stack);
        List<String> findings = new java.util.ArrayList<>();
        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                .forEach(m -> findings.add(m.getId() + " " + m.getEntry().getData()));
        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                .forEach(m -> findings.add(m.getId() + " " + m.getEntry().getData()));
        return findings;
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
