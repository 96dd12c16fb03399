package io.github.atomiccounters.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's contract, under each {@link VtlEngineKind}. */
class VtlEngineTest {

    private static final Map<VtlEngineKind, VtlEngine> ENGINES = Map.of(
            VtlEngineKind.VELOCITY_1_7, new VtlEngine(VtlEngineKind.VELOCITY_1_7),
            VtlEngineKind.VELOCITY_2_4, new VtlEngine(VtlEngineKind.VELOCITY_2_4));

    private static String render(VtlEngineKind kind, String template, String body) {
        return ENGINES.get(kind).compile("t", template).render(MappingInput.ofBody(body));
    }

    @Test
    void theDefaultIsVelocity17() {
        assertThat(new VtlEngine().kind()).isEqualTo(VtlEngineKind.VELOCITY_1_7);
        assertThat(VtlEngineKind.fromCliName("velocity-2.4")).isEqualTo(VtlEngineKind.VELOCITY_2_4);
        assertThatThrownBy(() -> VtlEngineKind.fromCliName("velocity-2"))
                .hasMessageContaining("velocity-1.7, velocity-2.4");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void syntaxErrorNamesTemplateLineAndColumn(VtlEngineKind kind) {
        VtlEngine engine = ENGINES.get(kind);
        assertThatThrownBy(() -> engine.compile("templates/put.vtl", "line one\nline two\n#set($a = )\nline four\n"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.templateName()).isEqualTo("templates/put.vtl");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                })
                .hasMessageContaining("templates/put.vtl")
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> engine.compile("bad.vtl", "#if($x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.vtl")
                .hasMessageContaining("line 1");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void includeParseAndEvaluateAreRejectedAtCompileTime(VtlEngineKind kind) {
        for (String directive : List.of("#include('/etc/passwd')", "#parse('x.vtm')", "#evaluate('$x')")) {
            assertThatThrownBy(() -> ENGINES.get(kind).compile("evil.vtl", "ok\n  " + directive))
                    .as(directive)
                    .isInstanceOfSatisfying(TemplateSyntaxException.class,
                            e -> assertThat(e.column()).isEqualTo(3))
                    .hasMessageContaining("evil.vtl")
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("not supported");
        }
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void noFileCanBeRead(VtlEngineKind kind, @TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        // even inside a string literal (parsed later by Velocity itself) the directive is refused
        assertThatThrownBy(() -> ENGINES.get(kind).compile("t", "#set($x = \"#include('" + secret + "')\")$x"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("not supported");
        assertThat(render(kind, "$input.body", "{\"f\":\"" + secret + "\"}")).doesNotContain("SECRET");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void noReflection(VtlEngineKind kind) {
        assertThat(render(kind, "#set($c = $input.path('$.s').getClass())[$c.forName('java.lang.System')]"
                + "[$c.getClassLoader()][$c.getDeclaredMethods()]", "{\"s\":\"x\"}")).isEqualTo("[][][]");
        assertThat(render(kind, "#set($r = $input.path('$.s').getClass().forName('java.lang.Runtime'))"
                + "[$r.getRuntime().exec('true')]", "{\"s\":\"x\"}")).isEqualTo("[]");
    }

    @Test
    void velocity24AlsoRefusesGetClass() {
        assertThat(render(VtlEngineKind.VELOCITY_2_4, "[$input.class][$input.getClass()][$util.getClass().getName()]",
                "{}")).isEqualTo("[][][]");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void compiledTemplateIsReusableAndThreadSafe(VtlEngineKind kind) throws Exception {
        MappingTemplate t = ENGINES.get(kind).compile("counter.vtl",
                "#set($n = $input.path('$.n') + 1)#set($context.responseOverride.status = $n)"
                        + "{\"n\":$n,\"id\":\"$input.params('id')\",\"items\":[#foreach($i in $input.path('$.l'))$i#if($foreach.hasNext),#end#end]}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 4; task++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        MappingContext ctx = MappingContext.create();
                        String out = t.render(new MappingInput("{\"n\":" + i + ",\"l\":[" + i + "," + (i + 1) + "]}",
                                Map.of("id", "x" + i), Map.of(), Map.of(), Map.of(), ctx));
                        String expected = "{\"n\":" + (i + 1) + ",\"id\":\"x" + i + "\",\"items\":[" + i + "," + (i + 1)
                                + "]}";
                        if (!out.equals(expected) || ctx.responseOverrideStatus().orElse(-1) != i + 1) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void macrosDoNotLeakBetweenTemplates(VtlEngineKind kind) {
        VtlEngine engine = ENGINES.get(kind);
        engine.compile("a", "#macro(greet)A#end");
        assertThat(engine.compile("b", "#macro(greet)B#end#greet()").render(MappingInput.ofBody(""))).isEqualTo("B");
        assertThat(engine.compile("c", "#greet()").render(MappingInput.ofBody(""))).isEqualTo("#greet()");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void runtimeErrorIs500(VtlEngineKind kind) {
        assertThatThrownBy(() -> render(kind, "$input.path('$.s').substring(10)", "{\"s\":\"x\"}"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> render(kind, "$util.urlDecode('%zz')", "{}"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void malformedBodyIs400WithJsonSmartMessage(VtlEngineKind kind) {
        assertThatThrownBy(() -> render(kind, "$input.json('$.a')", "{\"a\":"))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Unexpected End Of File position 4: EOF");
                });
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void bodyIsParsedOncePerRenderAndSharedBetweenCalls(VtlEngineKind kind) {
        // The object returned by path('$') is the document json() serialises: one parse per render.
        assertThat(render(kind, "#set($r = $input.path('$'))#set($r.b = 2)$input.json('$') $input.path('$.b')", "{\"a\":1}"))
                .isEqualTo("{\"a\":1,\"b\":2} 2");
        // ...and a new render parses afresh.
        MappingTemplate t = ENGINES.get(kind).compile("t", "#set($r = $input.path('$'))#set($r.b = 2)$input.json('$')");
        assertThat(t.render(MappingInput.ofBody("{\"a\":1}"))).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(t.render(MappingInput.ofBody("{\"a\":3}"))).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void contextCarriesOverFromRequestToResponseTemplate(VtlEngineKind kind) {
        MappingContext ctx = MappingContext.create().put("stage", "local");
        MappingTemplate request = ENGINES.get(kind).compile("req", "#set($context.requestOverride.header.X-Trace = 'abc')"
                + "#set($context.responseOverride.header.X-Req = $input.params('id'))ok");
        MappingTemplate response = ENGINES.get(kind).compile("res",
                "#if($input.path('$.__type').endsWith('ConditionalCheckFailedException'))"
                        + "#set($context.responseOverride.status = 409)#end"
                        + "$context.stage $context.requestOverride.header.X-Trace $context.responseOverride.header.X-Req");
        MappingInput in = new MappingInput("{}", Map.of("id", "42"), Map.of(), Map.of(), Map.of(), ctx);
        assertThat(request.render(in)).isEqualTo("ok");
        assertThat(response.render(in.withBody("{\"__type\":\"x#ConditionalCheckFailedException\"}")))
                .isEqualTo("local abc 42");
        assertThat(ctx.responseOverrideStatus()).contains(409);
        assertThat(ctx.requestOverrideHeaders()).containsExactly(Map.entry("X-Trace", "abc"));
        assertThat(ctx.responseOverrideHeaders()).containsExactly(Map.entry("X-Req", "42"));
    }

    @ParameterizedTest
    @EnumSource(VtlEngineKind.class)
    void templateKeepsNameAndSource(VtlEngineKind kind) {
        MappingTemplate t = ENGINES.get(kind).compile("n.vtl", "src $x");
        assertThat(t.name()).isEqualTo("n.vtl");
        assertThat(t.source()).isEqualTo("src $x");
    }
}
