/**
 * API Gateway (REST) mapping templates, rendered as API Gateway does: {@link io.github.atomiccounters.vtl.VtlEngine}
 * compiles a template once into an immutable {@link io.github.atomiccounters.vtl.MappingTemplate} that renders a
 * {@link io.github.atomiccounters.vtl.MappingInput} with {@code $input}, {@code $util}, {@code $context}
 * ({@link io.github.atomiccounters.vtl.MappingContext}) and {@code $stageVariables}.
 *
 * <p>Two engines ({@link io.github.atomiccounters.vtl.VtlEngineKind}) behind one interface
 * ({@link io.github.atomiccounters.vtl.VelocityRuntime}):
 * <ul>
 *   <li>{@code velocity17}: Apache Velocity 1.7 itself, the default, the line API Gateway runs. Its jars are bundled
 *       in this project's jar and loaded in their own class loader (1.7 and 2.4 share package names), and it is
 *       driven by reflection: nothing here compiles against 1.7. On top of the stock engine only what AWS documents:
 *       null references render as nothing, the 1,000-iteration {@code #foreach} cap, no {@code #include},
 *       {@code #parse} or {@code #evaluate}, no class access (1.7's {@code SecureUberspector}).</li>
 *   <li>{@code velocity24}: Apache Velocity 2.4 configured and patched to resemble 1.x, the alternative engine, with
 *       every point of {@link io.github.atomiccounters.vtl.VtlSemantics} switchable.</li>
 *   <li>{@code internal}: the variables both engines render with ({@code $input}, {@code $util}, JSON).</li>
 * </ul>
 *
 * <p>Points the AWS documentation leaves open are decided by a {@link io.github.atomiccounters.vtl.VtlSemantics};
 * its default follows the strongest evidence (docs/aws-fidelity.md) and every alternative is exercised under each
 * engine that can render it by {@code AlternativeSemanticsIT}, so the deployed templates do not depend on the choice.
 * The default's decisions (each one has a conformance case in {@code test/resources/vtl-conformance/cases.json}, run
 * under both engines):
 * <ul>
 *   <li>Truthiness is Velocity 1.x's: only null and {@code false} are false in {@code #if} ({@code ""}, {@code 0}
 *       and empty lists are true). Velocity 1.7 also takes a string or number <em>literal</em> as false.</li>
 *   <li>{@code ==}/{@code !=} are stock Velocity's: null equals only null.</li>
 *   <li>{@code $input.json} serialises with json-smart's default style: standard compact JSON, {@code /} written as
 *       {@code \/}, non-ASCII kept as is; a JSON null match prints {@code null}, no match prints the two characters
 *       {@code ""}; an indefinite path ({@code $..a}) prints a list, possibly {@code []}.</li>
 *   <li>{@code - * / %} take numbers only (Velocity 1.7): a numeric string operand makes the result null.</li>
 *   <li>An override ({@code $context.requestOverride.*}, {@code $context.responseOverride.*}) may be applied once;
 *       a second one fails the render with 500, as AWS documents.</li>
 *   <li>Objects from {@code $input.path} are live: the body is parsed once per render and every
 *       {@code $input.path}/{@code $input.json} call of that render shares the document.</li>
 *   <li>{@code $input.params(name)} returns {@code ""} when absent; header names match exactly first, then ignoring
 *       case.</li>
 *   <li>{@code $util.escapeJavaScript} follows commons-lang {@code escapeEcmaScript}: {@code ' " \ /} escaped, control
 *       characters as {@code \n \t ...} or {@code \}{@code u00XX}, non-ASCII as upper-case {@code \}{@code uXXXX}.
 *       Null gives {@code ""}.</li>
 *   <li>{@code $util.base64Decode} is lenient (MIME decoder: ignores characters outside the alphabet);
 *       {@code $util.parseJson} of malformed JSON fails with 400 like a malformed body.</li>
 *   <li>An invalid JSONPath expression, and any other exception inside a template, is a 500.</li>
 *   <li>{@code #include}, {@code #parse} and {@code #evaluate} are compile errors; nothing is ever read as a
 *       resource.</li>
 *   <li>Inline {@code #macro}s are local to their template. {@code $foreach.count}/{@code $foreach.hasNext} work under
 *       both engines; {@code $velocityCount} only under 1.7, as stock 1.7 provides it.</li>
 *   <li>{@code #set($x = $null)} follows Velocity 1.7 (leaves {@code $x} unchanged).</li>
 * </ul>
 */
package io.github.atomiccounters.vtl;
