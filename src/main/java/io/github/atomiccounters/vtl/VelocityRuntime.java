package io.github.atomiccounters.vtl;

import java.io.Writer;
import java.util.Map;

/**
 * One Velocity version set up as API Gateway's mapping template engine: it parses and initialises a named template
 * once, and renders it any number of times, concurrently, with the variables API Gateway provides. {@link VtlEngine}
 * picks the implementation by {@link VtlEngineKind}; {@link MappingTemplate} builds the variables
 * ({@code $input}, {@code $util}, {@code $context}, {@code $stageVariables}), which are ordinary Java objects that
 * either engine reaches by reflection.
 */
public interface VelocityRuntime {

    /**
     * Parses and initialises a template: everything the engine would refuse before or at its first render (the
     * grammar, interpolated string literals, directives API Gateway does not offer) is refused here.
     *
     * @param name   names the template in messages, e.g. its file
     * @param source the VTL text
     * @return the template, ready to render
     * @throws TemplateSyntaxException naming the template, line and column
     */
    CompiledTemplate compile(String name, String source);

    /** A parsed and initialised template: immutable and thread-safe. */
    interface CompiledTemplate {
        /**
         * Renders with {@code variables} as the template's context, writing to {@code out}. A failure inside the
         * template propagates as the engine's (unchecked) exception, with the cause it was given.
         *
         * @param variables the context, e.g. {@code input -> $input}; the engine may add to it ({@code #set})
         * @param out       where the text goes
         */
        void merge(Map<String, Object> variables, Writer out);
    }
}
