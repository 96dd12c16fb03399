package io.github.atomiccounters.vtl;

import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.github.atomiccounters.vtl.internal.InputVariable;
import io.github.atomiccounters.vtl.internal.UtilVariable;

/**
 * A compiled mapping template: immutable, thread-safe, reusable across requests. Rendering does no parsing and no
 * engine setup; the request body is parsed at most once per render, on first use.
 */
public final class MappingTemplate {

    private final String name;
    private final String source;
    private final VelocityRuntime.CompiledTemplate template;
    private final VtlSemantics semantics;
    private final UtilVariable util;

    MappingTemplate(String name, String source, VelocityRuntime.CompiledTemplate template, VtlSemantics semantics) {
        this.name = name;
        this.source = source;
        this.template = template;
        this.semantics = semantics;
        this.util = UtilVariable.of(semantics);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    /**
     * Renders the template with {@code $input}, {@code $util}, {@code $context} (the input's {@link MappingContext},
     * mutated in place by assignments) and {@code $stageVariables}.
     *
     * @throws MappingException 400 for a malformed JSON body read through {@code $input.path}/{@code $input.json} (or
     *                          {@code $util.parseJson}), 500 for any other runtime failure of the template
     */
    public String render(MappingInput input) {
        Map<String, Object> ctx = new HashMap<>(8);
        ctx.put("input", new InputVariable(input, semantics));
        ctx.put("util", util);
        Map<String, Object> context = input.context().asMap();
        if (semantics.requestTimeEpoch() == VtlSemantics.EpochType.STRING && context.get("requestTimeEpoch") != null) {
            context.put("requestTimeEpoch", context.get("requestTimeEpoch").toString());
        }
        ctx.put("context", context);
        ctx.put("stageVariables", semantics.absentStageVariable() == VtlSemantics.AbsentStageVariable.EMPTY_STRING
                ? new EmptyWhenAbsentMap(input.stageVariables()) : input.stageVariables());
        StringWriter out = new StringWriter(Math.max(64, source.length()));
        try {
            template.merge(ctx, out);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MappingException me) {
                    throw me;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            throw new MappingException(500, "Execution failed: unable to transform with mapping template '" + name
                    + "': " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new MappingException(500, "Execution failed: mapping template '" + name
                    + "' recursed too deeply", e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "MappingTemplate[" + name + "]";
    }

    /** Stage variables under {@link VtlSemantics.AbsentStageVariable#EMPTY_STRING}: a missing name reads "". */
    private static final class EmptyWhenAbsentMap extends AbstractMap<String, String> {
        private final Map<String, String> variables;

        EmptyWhenAbsentMap(Map<String, String> variables) {
            this.variables = variables;
        }

        @Override
        public String get(Object key) {
            String value = variables.get(key);
            return value == null ? "" : value;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return variables.entrySet();
        }
    }
}
