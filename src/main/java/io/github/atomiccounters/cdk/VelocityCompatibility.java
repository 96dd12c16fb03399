package io.github.atomiccounters.cdk;

import io.github.atomiccounters.vtl.TemplateSyntaxException;
import io.github.atomiccounters.vtl.VtlSemantics;
import io.github.atomiccounters.vtl.velocity17.Velocity17Runtime;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.CfnMethod;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mapping template that Velocity 1.7 cannot run never deploys. API Gateway runs the Velocity 1.x line, whose grammar
 * is narrower than 2.x's: no expression as a method argument ({@code $s.substring(0, $s.length() - 3)}), and an
 * interpolated string literal is parsed on its own when the template is initialised, so a template can parse and
 * still fail every request. At synthesis every request and integration response template of the REST API is parsed
 * and initialised with Velocity 1.7 itself (bundled in this library's jar, so a CDK app using the construct needs no
 * dependency for it), and {@code #include}, {@code #parse} and {@code #evaluate}, which API Gateway does not offer, are
 * refused; synthesis fails naming the template file, line and column (and, for a line composed in from a fragment,
 * the fragment's file and line: {@link TemplateFragments}).
 */
public final class VelocityCompatibility {

    /** Problems per template text: each distinct text is checked once per JVM. */
    private static final Map<String, Set<String>> CHECKED = new ConcurrentHashMap<>();

    private VelocityCompatibility() {
    }

    /**
     * What Velocity 1.7 refuses in one template: its grammar, its interpolated string literals, a directive API
     * Gateway does not offer.
     *
     * @param name     names the template in the message, e.g. {@code request/increment.vtl}
     * @param template the template's text
     * @return one message naming the template, line and column ({@code name:line:column: ...}), or empty
     */
    public static List<String> problems(String name, String template) {
        return problems(name, template, null);
    }

    /** As {@link #problems(String, String)}, naming also the fragment a line of a composed template comes from. */
    static List<String> problems(String name, String template, TemplateFragments.Expansion composed) {
        try {
            Runtime17.INSTANCE.compile(name, template);
            return List.of();
        } catch (TemplateSyntaxException e) {
            String origin = "";
            if (composed != null && e.line() >= 1 && e.line() <= composed.origins().size()
                    && !name.endsWith("/" + composed.origin(e.line()).replaceFirst(":[0-9]+$", ""))) {
                origin = " (" + composed.origin(e.line()) + ")";
            }
            return List.of(name + ":" + e.line() + ":" + e.column() + origin + ": Velocity 1.7, the engine API Gateway "
                    + "runs, cannot run this template: " + e.detail());
        }
    }

    /**
     * Registers a construct validation on {@code counters} that checks, when the app is synthesized, every request
     * and integration response template of its REST API ({@link #problems}), including methods added to the API
     * outside the construct. A template read from {@code velocity-templates/} is named by its file.
     *
     * @param counters the construct whose REST API is checked
     */
    public static void addTo(AtomicCounterApi counters) {
        counters.getNode().addValidation(() -> {
            Map<String, Deployed> files = deployedFiles();
            Set<String> problems = new LinkedHashSet<>();
            for (IConstruct child : counters.getApi().getNode().findAll()) {
                if (child instanceof CfnMethod method
                        && Stack.of(method).resolve(method.getIntegration()) instanceof Map<?, ?> integration) {
                    String where = method.getHttpMethod() + " " + method.getNode().getPath();
                    templates(field(integration, "RequestTemplates")).forEach((type, text) -> problems.addAll(
                            check(files, text, where + " request template " + type)));
                    if (field(integration, "IntegrationResponses") instanceof List<?> responses) {
                        for (Object r : responses) {
                            if (r instanceof Map<?, ?> response) {
                                templates(field(response, "ResponseTemplates")).forEach((type, text) ->
                                        problems.addAll(check(files, text, where + " response "
                                                + field(response, "StatusCode") + " template " + type)));
                            }
                        }
                    }
                }
            }
            return new ArrayList<>(problems);
        });
    }

    /** A template file of the construct, as composed for deploying. */
    private record Deployed(String file, TemplateFragments.Expansion composed) {
    }

    /** Checks {@code text}, named by its file when it is one of the construct's (with its composition), else so. */
    private static Set<String> check(Map<String, Deployed> files, String text, String otherwise) {
        Deployed deployed = files.get(text);
        String name = deployed == null ? otherwise : "velocity-templates/" + deployed.file();
        return CHECKED.computeIfAbsent(name + "\u0000" + text,
                k -> new LinkedHashSet<>(problems(name, text, deployed == null ? null : deployed.composed())));
    }

    /** The construct's template files by their text, as {@link TemplateFiles#read} gives them (what deploys). */
    private static Map<String, Deployed> deployedFiles() {
        Map<String, Deployed> byText = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (Route route : AtomicCounterApi.ROUTES) {
            files.add(route.requestTemplate());
            files.add(route.responseTemplate());
        }
        files.add(AtomicCounterApi.ERROR_TEMPLATE);
        for (String file : files) {
            TemplateFragments.Expansion composed = TemplateFiles.expand(file);
            byText.putIfAbsent(composed.text(), new Deployed(file, composed));
        }
        return byText;
    }

    /** A property by its CloudFormation name, or by the same name in camelCase. */
    private static Object field(Map<?, ?> map, String pascalCase) {
        Object value = map.get(pascalCase);
        return value != null ? value : map.get(Character.toLowerCase(pascalCase.charAt(0)) + pascalCase.substring(1));
    }

    /** A templates property as content type -> text (tokens and other values skipped). */
    private static Map<String, String> templates(Object property) {
        Map<String, String> out = new LinkedHashMap<>();
        if (property instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof String text) {
                    out.put(String.valueOf(k), text);
                }
            });
        }
        return out;
    }

    /** One Velocity 1.7 runtime per JVM, created on first use (loading the bundled jars takes a moment). */
    private static final class Runtime17 {
        static final Velocity17Runtime INSTANCE = new Velocity17Runtime(VtlSemantics.DEFAULT);
    }
}
