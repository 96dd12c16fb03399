package io.github.atomiccounters.docs;

import io.github.atomiccounters.docs.ShellParser.Command;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VariablesTest {

    private static Variables.Expansion expand(Variables vars, String line) {
        return vars.expand(((Command) ShellParser.parse(line + "\n", 1).get(0)).words());
    }

    private static Variables vars() {
        Variables vars = new Variables();
        vars.set("B", "http://127.0.0.1:8080/v1");
        vars.set("TWO", "a  b");
        vars.setArray("S", List.of("--user", "K:S", "-H", "Content-Type: application/json"));
        vars.setArray("EMPTY", List.of());
        return vars;
    }

    @Test
    void scalarsExpandInEveryForm() {
        assertThat(expand(vars(), "curl $B/x ${B}/y \"$B\"z '$B'").words())
                .containsExactly("curl", "http://127.0.0.1:8080/v1/x", "http://127.0.0.1:8080/v1/y",
                        "http://127.0.0.1:8080/v1z", "$B");
    }

    @Test
    void unquotedExpansionsAreSplitOnBlanksQuotedOnesAreNot() {
        assertThat(expand(vars(), "cmd $TWO \"$TWO\" x${TWO}y").words())
                .containsExactly("cmd", "a", "b", "a  b", "xa", "by");
    }

    @Test
    void quotedArraysGiveOneWordPerElement() {
        assertThat(expand(vars(), "curl -s \"${S[@]}\" $B").words()).containsExactly("curl", "-s", "--user", "K:S",
                "-H", "Content-Type: application/json", "http://127.0.0.1:8080/v1");
        assertThat(expand(vars(), "echo \"${S[*]}\"").words())
                .containsExactly("echo", "--user K:S -H Content-Type: application/json");
        assertThat(expand(vars(), "echo ${S[@]}").words())
                .containsExactly("echo", "--user", "K:S", "-H", "Content-Type:", "application/json");
        assertThat(expand(vars(), "echo $S").words()).as("an array's first element").containsExactly("echo", "--user");
    }

    @Test
    void anEmptyArrayQuotedIsNoWordButAnEmptyQuotedStringIsOne() {
        assertThat(expand(vars(), "echo \"${EMPTY[@]}\" x").words()).containsExactly("echo", "x");
        assertThat(expand(vars(), "echo \"\" x").words()).containsExactly("echo", "", "x");
        assertThat(expand(vars(), "echo $EMPTY x").words()).containsExactly("echo", "x");
    }

    @Test
    void anUnsetVariableStaysAsWrittenAndIsReported() {
        Variables vars = vars();
        vars.assignedAt("LATER", 40);
        Variables.Expansion e = expand(vars, "aws --region $REGION $LATER");
        assertThat(e.words()).containsExactly("aws", "--region", "$REGION", "$LATER");
        assertThat(e.undefined()).containsExactly("REGION", "LATER");
        assertThat(vars.whyUndefined("REGION")).isEqualTo("$REGION is not set in this file");
        assertThat(vars.whyUndefined("LATER")).isEqualTo("$LATER is not set yet: this file sets it only later, at line 40");
    }

    @Test
    void anUnusableVariableKeepsItsTextButIsReportedWhereUsed() {
        Variables vars = vars();
        vars.setUnusable("URL", List.of("$URL"), "its assignment at line 3 is not supported");
        Variables.Expansion e = expand(vars, "curl $URL/x");
        assertThat(e.words()).containsExactly("curl", "$URL/x");
        assertThat(e.undefined()).containsExactly("URL");
        assertThat(vars.whyUndefined("URL")).isEqualTo("$URL is not usable: its assignment at line 3 is not supported");
        vars.set("URL", "http://h");
        assertThat(expand(vars, "curl $URL/x").undefined()).isEmpty();
    }

    @Test
    void assignmentValuesAreNeverSplit() {
        ShellParser.Assignment a = (ShellParser.Assignment) ShellParser.parse("X=$TWO/${B}\n", 1).get(0);
        assertThat(vars().value(a.values().get(0)).words()).containsExactly("a  b/http://127.0.0.1:8080/v1");
    }
}
