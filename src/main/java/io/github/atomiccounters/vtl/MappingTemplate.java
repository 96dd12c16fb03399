package io.github.atomiccounters.vtl;

import java.io.StringWriter;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;

import io.github.atomiccounters.vtl.internal.InputVariable;
import io.github.atomiccounters.vtl.internal.UtilVariable;

/**
 * A compiled mapping template: immutable, thread-safe, reusable across requests. Rendering does no parsing and no
 * engine setup; the request body is parsed at most once per render, on first use.
 */
public final class MappingTemplate {

    private final String name;
    private final String source;
    private final Template template;

    MappingTemplate(String name, String source, Template template) {
        this.name = name;
        this.source = source;
        this.template = template;
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
        VelocityContext ctx = new VelocityContext();
        ctx.put("input", new InputVariable(input));
        ctx.put("util", UtilVariable.INSTANCE);
        ctx.put("context", input.context().asMap());
        ctx.put("stageVariables", input.stageVariables());
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
}
