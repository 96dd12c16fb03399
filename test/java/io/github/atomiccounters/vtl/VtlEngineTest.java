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

class VtlEngineTest {

    private static final VtlEngine ENGINE = new VtlEngine();

    private static String render(String template, String body) {
        return ENGINE.compile("t", template).render(MappingInput.ofBody(body));
    }

    @Test
    void syntaxErrorNamesTemplateAndLine() {
        assertThatThrownBy(() -> ENGINE.compile("templates/put.vtl", "line one\nline two\n#if($x\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("templates/put.vtl")
                .hasMessageContaining("line 4");
        assertThatThrownBy(() -> ENGINE.compile("bad.vtl", "#set($a = )"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.vtl")
                .hasMessageContaining("line 1");
    }

    @Test
    void includeParseAndEvaluateAreRejectedAtCompileTime() {
        for (String directive : List.of("#include('/etc/passwd')", "#parse('x.vtm')", "#evaluate('$x')")) {
            assertThatThrownBy(() -> ENGINE.compile("evil.vtl", "ok\n  " + directive))
                    .as(directive)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("evil.vtl")
                    .hasMessageContaining("line 2")
                    .hasMessageContaining("not supported");
        }
    }

    @Test
    void noFileCanBeRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        // even inside a string literal (parsed later by Velocity itself) the directive is refused
        assertThatThrownBy(() -> ENGINE.compile("t", "#set($x = \"#include('" + secret + "')\")$x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(render("$input.body", "{\"f\":\"" + secret + "\"}")).doesNotContain("SECRET");
    }

    @Test
    void noReflection() {
        assertThat(render("[$input.class][$input.getClass()][$util.getClass().getName()]", "{}")).isEqualTo("[][][]");
        assertThat(render("#set($c = $input.path('$.s').getClass())[$c.forName('java.lang.System')]",
                "{\"s\":\"x\"}")).isEqualTo("[]");
    }

    @Test
    void compiledTemplateIsReusableAndThreadSafe() throws Exception {
        MappingTemplate t = ENGINE.compile("counter.vtl",
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

    @Test
    void macrosDoNotLeakBetweenTemplates() {
        ENGINE.compile("a", "#macro(greet)A#end");
        assertThat(ENGINE.compile("b", "#macro(greet)B#end#greet()").render(MappingInput.ofBody(""))).isEqualTo("B");
        assertThat(ENGINE.compile("c", "#greet()").render(MappingInput.ofBody(""))).isEqualTo("#greet()");
    }

    @Test
    void runtimeErrorIs500() {
        assertThatThrownBy(() -> render("$input.path('$.s').substring(10)", "{\"s\":\"x\"}"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> render("$util.urlDecode('%zz')", "{}"))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void malformedBodyIs400WithJsonSmartMessage() {
        assertThatThrownBy(() -> render("$input.json('$.a')", "{\"a\":"))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Unexpected End Of File position 4: EOF");
                });
    }

    @Test
    void bodyIsParsedOncePerRenderAndSharedBetweenCalls() {
        // The object returned by path('$') is the document json() serialises: one parse per render.
        assertThat(render("#set($r = $input.path('$'))#set($r.b = 2)$input.json('$') $input.path('$.b')", "{\"a\":1}"))
                .isEqualTo("{\"a\":1,\"b\":2} 2");
        // ...and a new render parses afresh.
        MappingTemplate t = ENGINE.compile("t", "#set($r = $input.path('$'))#set($r.b = 2)$input.json('$')");
        assertThat(t.render(MappingInput.ofBody("{\"a\":1}"))).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(t.render(MappingInput.ofBody("{\"a\":3}"))).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void contextCarriesOverFromRequestToResponseTemplate() {
        MappingContext ctx = MappingContext.create().put("stage", "local");
        MappingTemplate request = ENGINE.compile("req", "#set($context.requestOverride.header.X-Trace = 'abc')"
                + "#set($context.responseOverride.header.X-Req = $input.params('id'))ok");
        MappingTemplate response = ENGINE.compile("res",
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

    @Test
    void templateKeepsNameAndSource() {
        MappingTemplate t = ENGINE.compile("n.vtl", "src $x");
        assertThat(t.name()).isEqualTo("n.vtl");
        assertThat(t.source()).isEqualTo("src $x");
    }
}
