package io.github.atomiccounters.vtl.velocity17;

import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.TemplateSyntaxException;
import io.github.atomiccounters.vtl.VtlEngine;
import io.github.atomiccounters.vtl.VtlEngineKind;
import io.github.atomiccounters.vtl.VtlSemantics;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default engine is Velocity 1.7 itself, from the bundled jars, isolated from the Velocity 2.4 on the class path:
 * each check pairs what 1.7 refuses (or does) with what 2.4 accepts (or does), so it fails if the wrong Velocity runs.
 */
class Velocity17RuntimeTest {

    private static final VtlEngine V17 = new VtlEngine(VtlEngineKind.VELOCITY_1_7);
    private static final VtlEngine V24 = new VtlEngine(VtlEngineKind.VELOCITY_2_4);

    @Test
    void theVelocityClassesComeFromTheBundledJarsNotTheClassPath() throws Exception {
        ClassLoader loader = Velocity17.get().loader;
        Class<?> runtime17 = Class.forName("org.apache.velocity.runtime.RuntimeInstance", false, loader);
        Class<?> runtime24 = Class.forName("org.apache.velocity.runtime.RuntimeInstance");
        assertThat(runtime17.getClassLoader()).isSameAs(loader);
        assertThat(runtime17).isNotSameAs(runtime24);
        // commons-collections and commons-lang 2 come along; the application's other classes do not
        assertThat(Class.forName("org.apache.commons.collections.ExtendedProperties", false, loader).getClassLoader())
                .isSameAs(loader);
        assertThatThrownBy(() -> Class.forName(VtlEngine.class.getName(), false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loader.getResource("org/apache/velocity/runtime/defaults/velocity.properties")).isNotNull();
    }

    @Test
    void aMethodArgumentExpressionIsAGrammarError() {
        String template = "#set($s = 'abcdef')\n$s.substring(0, $s.length() - 3)";
        assertThatThrownBy(() -> V17.compile("t.vtl", template))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(30);  // the space after "-"
                    assertThat(e.detail()).contains("Lexical error");
                });
        assertThat(V24.compile("t.vtl", template).render(MappingInput.ofBody(""))).isEqualTo("abc");
    }

    @Test
    void anInterpolatedStringLiteralIsParsedAtCompileTimeEvenInABranchNeverTaken() {
        String template = "#set($m = 'abc')\n#if(false)#set($x = \"${m.substring(0, $m.length() - 1)}\")#end\nok";
        assertThatThrownBy(() -> V17.compile("t.vtl", template))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(21);
                    assertThat(e.detail()).contains("Failed to parse String literal").contains("Lexical error");
                });
        assertThat(V24.compile("t.vtl", template).render(MappingInput.ofBody(""))).isEqualTo("ok");
        assertThat(V17.compile("t.vtl", "#set($n = 'w')#set($x = \"a${n}b$n.length()\")$x")
                .render(MappingInput.ofBody(""))).isEqualTo("awb1");
    }

    /**
     * A template's context is kept between its renders on a thread (Velocity17.RenderContext): what 1.7 cached of a
     * reference is used again only for a value of the same class, and nothing a render set is seen by the next.
     */
    @Test
    void aRenderSeesNeitherTheCachedMethodOfAnotherClassNorTheVariablesOfTheRenderBefore() {
        var isEmpty = V17.compile("t.vtl", "#set($x = $input.path('$.v'))$x.isEmpty()");
        assertThat(isEmpty.render(MappingInput.ofBody("{\"v\": \"abc\"}"))).isEqualTo("false");  // String.isEmpty
        assertThat(isEmpty.render(MappingInput.ofBody("{\"v\": []}"))).isEqualTo("true");        // a JSON array's
        assertThat(isEmpty.render(MappingInput.ofBody("{\"v\": [1]}"))).isEqualTo("false");
        assertThat(isEmpty.render(MappingInput.ofBody("{\"v\": \"\"}"))).isEqualTo("true");
        var leak = V17.compile("t.vtl", "#if($seen)seen#end#set($seen = true)$seen");
        assertThat(leak.render(MappingInput.ofBody(""))).isEqualTo("true");
        assertThat(leak.render(MappingInput.ofBody(""))).as("the second render").isEqualTo("true");
        var failing = V17.compile("t.vtl", "#set($kept = 1)$input.path('$.v').substring(5)");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> failing.render(MappingInput.ofBody("{\"v\": \"abc\"}")))
                    .isInstanceOf(io.github.atomiccounters.vtl.MappingException.class);
        }
        assertThat(failing.render(MappingInput.ofBody("{\"v\": \"abcdefg\"}"))).isEqualTo("fg");
    }

    @Test
    void stockVelocity17Things() {
        // $velocityCount is 1.7's; a string literal in #if is false in 1.7; #set of null keeps the value by default
        String template = "#foreach($i in ['a','b'])$velocityCount#end|#if('x')lit#end|#set($v = 1)#set($v = $none)$v";
        assertThat(V17.compile("t", template).render(MappingInput.ofBody(""))).isEqualTo("12||1");
        assertThat(V24.compile("t", template).render(MappingInput.ofBody(""))).isEqualTo("|lit|1");
        VtlSemantics assignsNull = new VtlSemantics(VtlSemantics.DEFAULT.noMatchJson(),
                VtlSemantics.DEFAULT.nullComparison(), VtlSemantics.DEFAULT.numbers(),
                VtlSemantics.DEFAULT.jsEscaping(), VtlSemantics.DEFAULT.headerNames(),
                VtlSemantics.DEFAULT.absentStageVariable(), VtlSemantics.DEFAULT.truthiness(),
                VtlSemantics.DEFAULT.requestTimeEpoch(), VtlSemantics.SetNull.ASSIGNS_NULL,
                VtlSemantics.DEFAULT.gobbling(), VtlSemantics.DEFAULT.arithmetic());
        assertThat(new VtlEngine(VtlEngineKind.VELOCITY_1_7, assignsNull).compile("t", "#set($v = 1)#set($v = $none)[$v]")
                .render(MappingInput.ofBody(""))).isEqualTo("[]");
    }

    @Test
    void theThreadsContextClassLoaderIsRestored() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Velocity17Runtime runtime = new Velocity17Runtime(VtlSemantics.DEFAULT);
        var template = runtime.compile("t", "#set($a = 1)$a$missing");
        StringWriter out = new StringWriter();
        Map<String, Object> variables = new HashMap<>();
        template.merge(variables, out);
        assertThat(out).hasToString("1");
        assertThat(variables).containsEntry("a", 1);
        assertThatThrownBy(() -> runtime.compile("t", "#if(")).isInstanceOf(TemplateSyntaxException.class);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
