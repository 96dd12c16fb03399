package io.github.atomiccounters.cdk;

import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.VtlEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Composing a template from fragments: what a marker becomes, and every way a marker can be wrong. */
class TemplateFragmentsTest {

    private static final Map<String, String> FRAGMENTS = Map.of(
            "fragments/greet.vtl", "## greets\nhello @{who}\n",
            "fragments/twice.vtl", "##@include fragments/greet.vtl who=@{who}\n##@include fragments/greet.vtl who=\"@{who} again\"\n",
            "fragments/frame.vtl", "[\n##@body\n]\n",
            "fragments/loop-a.vtl", "##@include fragments/loop-b.vtl\n",
            "fragments/loop-b.vtl", "##@include fragments/loop-a.vtl\n",
            "fragments/two-bodies.vtl", "##@body\n##@body\n",
            "fragments/wraps-nothing.vtl", "plain\n");

    private static TemplateFragments.Expansion expand(String source) {
        return TemplateFragments.expand("request/t.vtl", source, FRAGMENTS::get);
    }

    @Test
    void anIncludeBecomesTheFragmentWithItsParametersAndEveryLineKnowsWhereItComesFrom() {
        TemplateFragments.Expansion x = expand("first\n##@include fragments/greet.vtl who=world\nlast\n");

        assertThat(x.text()).isEqualTo("first\n## >> fragments/greet.vtl who=world\n## greets\nhello world\nlast\n");
        assertThat(x.origin(1)).isEqualTo("request/t.vtl:1");
        assertThat(x.origin(2)).isEqualTo("request/t.vtl:2");
        assertThat(x.origin(4)).isEqualTo("fragments/greet.vtl:2");
        assertThat(x.origin(5)).isEqualTo("request/t.vtl:3");
    }

    @Test
    void fragmentsIncludeFragmentsAndQuotedValuesKeepTheirSpaces() {
        assertThat(expand("##@include fragments/twice.vtl who=you\n").text())
                .contains("hello you\n").contains("hello you again\n").doesNotContain("@{");
    }

    @Test
    void aWrapPutsItsBlockWhereTheFragmentSaysAndItsBlockIsExpandedToo() {
        TemplateFragments.Expansion x = expand("##@wrap fragments/frame.vtl\n##@include fragments/greet.vtl who=x\n"
                + "##@end\nafter\n");

        assertThat(x.text()).isEqualTo("## >> fragments/frame.vtl (wrapping)\n[\n## >> fragments/greet.vtl who=x\n"
                + "## greets\nhello x\n]\n## << fragments/frame.vtl\nafter\n");
        assertThat(x.origin(5)).isEqualTo("fragments/greet.vtl:2");
        assertThat(x.origin(6)).isEqualTo("fragments/frame.vtl:3");
    }

    @Test
    void theSameSourcesAlwaysGiveTheSameText() {
        String source = "##@wrap fragments/frame.vtl\n##@include fragments/twice.vtl who=a\n##@end\n";
        assertThat(expand(source)).isEqualTo(expand(source));
        assertThat(TemplateFiles.read("request/increment.vtl")).isEqualTo(TemplateFiles.read("request/increment.vtl"));
    }

    @Test
    void aTemplateWithoutMarkersIsItsOwnExpansion() {
        assertThat(expand("a\n## a comment\n#set($x = 1)\n").text()).isEqualTo("a\n## a comment\n#set($x = 1)\n");
        assertThat(expand("no newline at the end").text()).isEqualTo("no newline at the end");
    }

    /** A marker is a VTL comment: an engine that got a template unexpanded would skip it, not run a directive. */
    @Test
    void anUnexpandedMarkerRendersAsNothing() {
        String rendered = new VtlEngine().compile("t", "a\n##@include fragments/greet.vtl who=x\n##@wrap fragments/frame.vtl\n"
                + "b\n##@end\n").render(new MappingInput("", Map.of(), Map.of(), Map.of(), Map.of(),
                MappingContext.create()));
        assertThat(rendered).isEqualTo("a\nb\n");
    }

    /** Synthesis refuses a template Velocity 1.7 cannot run naming the fragment a composed line comes from. */
    @Test
    void aVelocity17ProblemInAFragmentIsNamedByTheFragment() {
        Map<String, String> fragments = Map.of("fragments/cut.vtl", "## cuts\n#set($s = $t.substring(0, $t.length() - 3))\n");
        TemplateFragments.Expansion composed = TemplateFragments.expand("request/t.vtl",
                "## t\n#set($t = \"abcdef\")\n##@include fragments/cut.vtl\n$s\n", fragments::get);

        assertThat(VelocityCompatibility.problems("velocity-templates/request/t.vtl", composed.text(), composed))
                .singleElement().asString().startsWith("velocity-templates/request/t.vtl:5:")
                .contains("(fragments/cut.vtl:2): Velocity 1.7");
        assertThat(VelocityCompatibility.problems("velocity-templates/request/t.vtl", "## t\n#set($s = $t.substring("
                + "0, $t.length() - 3))\n", TemplateFragments.expand("request/t.vtl", "x", f -> null)))
                .singleElement().asString().startsWith("velocity-templates/request/t.vtl:2:40: Velocity 1.7");
    }

    @Test
    void wrongMarkersAreRefusedWithTheirFileAndLine() {
        assertRefused("x\n##@include fragments/nope.vtl\n", "request/t.vtl:2: unknown fragment fragments/nope.vtl");
        assertRefused("##@include fragments/loop-a.vtl\n", "fragments/loop-b.vtl:1: include cycle: request/t.vtl -> "
                + "fragments/loop-a.vtl -> fragments/loop-b.vtl -> fragments/loop-a.vtl");
        assertRefused("##@include fragments/greet.vtl\n", "request/t.vtl:1: fragments/greet.vtl needs parameter who");
        assertRefused("##@include fragments/greet.vtl who=a whom=b\n",
                "request/t.vtl:1: fragments/greet.vtl has no parameter whom");
        assertRefused("##@include fragments/greet.vtl who=a who=b\n", "request/t.vtl:1: parameter who given twice");
        assertRefused("##@include fragments/greet.vtl who=\"a\n", "request/t.vtl:1: expected name=value parameters");
        assertRefused("##@include ../secrets.vtl\n", "request/t.vtl:1: expected a fragment path");
        assertRefused("##@inclde fragments/greet.vtl who=a\n", "request/t.vtl:1: unknown marker ##@inclde");
        assertRefused("##@wrap fragments/frame.vtl\nx\n", "request/t.vtl:1: ##@wrap without ##@end");
        assertRefused("x\n##@end\n", "request/t.vtl:2: ##@end without ##@wrap");
        assertRefused("##@body\n", "request/t.vtl:1: ##@body belongs in a fragment used with ##@wrap");
        assertRefused("##@include fragments/frame.vtl\n", "fragments/frame.vtl:2: ##@body belongs in a fragment");
        assertRefused("##@wrap fragments/wraps-nothing.vtl\nx\n##@end\n",
                "fragments/wraps-nothing.vtl: has no ##@body line");
        assertRefused("##@wrap fragments/two-bodies.vtl\nx\n##@end\n", "fragments/two-bodies.vtl:2: a second ##@body");
    }

    private static void assertRefused(String source, String message) {
        assertThatThrownBy(() -> expand(source)).as(source).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
