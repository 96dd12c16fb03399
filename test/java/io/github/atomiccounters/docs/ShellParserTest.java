package io.github.atomiccounters.docs;

import io.github.atomiccounters.docs.ShellParser.Assignment;
import io.github.atomiccounters.docs.ShellParser.Blank;
import io.github.atomiccounters.docs.ShellParser.Command;
import io.github.atomiccounters.docs.ShellParser.Comment;
import io.github.atomiccounters.docs.ShellParser.Error;
import io.github.atomiccounters.docs.ShellParser.Item;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellParserTest {

    private static List<Item> parse(String text) {
        return ShellParser.parse(text, 10);
    }

    /** A command's words after expansion with no variables set. */
    private static List<String> words(Item item) {
        return new Variables().expand(((Command) item).words()).words();
    }

    @Test
    void backslashContinuedLinesAreOneCommandOnTheLineItStarts() {
        List<Item> items = parse("curl -s \\\n   -X POST \\\n   http://h/x\nnext one\n");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).line()).isEqualTo(10);
        assertThat(words(items.get(0))).containsExactly("curl", "-s", "-X", "POST", "http://h/x");
        assertThat(((Command) items.get(0)).source()).isEqualTo("curl -s -X POST http://h/x");
        assertThat(items.get(1).line()).isEqualTo(13);
        assertThat(words(items.get(1))).containsExactly("next", "one");
    }

    @Test
    void trailingCommentsCommentLinesAndBlankLinesAreItemsOfTheirOwn() {
        List<Item> items = parse("# before\ncurl http://h/#frag 'a # b'   # {\"a\": 1}\n# {\"b\": 2}\n\n# after\n");
        assertThat(items).extracting(Item::getClass).containsExactly(Comment.class, Command.class, Comment.class,
                Blank.class, Comment.class);
        Command curl = (Command) items.get(1);
        assertThat(curl.trailingComment()).isEqualTo("{\"a\": 1}");
        assertThat(words(curl)).containsExactly("curl", "http://h/#frag", "a # b");
        assertThat(((Comment) items.get(2)).text()).isEqualTo("{\"b\": 2}");
        assertThat(items).extracting(Item::line).containsExactly(10, 11, 12, 13, 14);
    }

    @Test
    void quotesAreBashQuotes() {
        List<Item> items = parse("cmd 'single $X \\n' \"double \\\"q\\\" \\$X \\\\ \\n\" a\\ b \"\" ''\n");
        assertThat(words(items.get(0))).containsExactly("cmd", "single $X \\n", "double \"q\" $X \\ \\n", "a b",
                "", "");
    }

    @Test
    void aQuoteAndAnArrayContinueOnTheNextLines() {
        List<Item> items = parse("S=(--a b  # a comment inside the array\n   -H 'X: y')\necho 'two\nlines'\nlast\n");
        assertThat(items).hasSize(3);
        Assignment s = (Assignment) items.get(0);
        assertThat(s.array()).isTrue();
        assertThat(s.name()).isEqualTo("S");
        assertThat(new Variables().expand(s.values()).words()).containsExactly("--a", "b", "-H", "X: y");
        assertThat(words(items.get(1))).containsExactly("echo", "two\nlines");
        assertThat(items.get(1).line()).isEqualTo(12);
        assertThat(items.get(2).line()).isEqualTo(14);
    }

    @Test
    void assignmentsAndCommandsWithAnEnvironment() {
        List<Item> items = parse("A=1 B='two words'  # prose\nCDK_OUTDIR=target/out mvn -q compile\n");
        assertThat(items).hasSize(3);
        Assignment a = (Assignment) items.get(0);
        Assignment b = (Assignment) items.get(1);
        assertThat(a.name()).isEqualTo("A");
        assertThat(a.trailingComment()).isEqualTo("prose");
        assertThat(new Variables().value(b.values().get(0)).words()).containsExactly("two words");
        Command mvn = (Command) items.get(2);
        assertThat(mvn.words().get(0).leadingLiteral()).isEqualTo("CDK_OUTDIR=target/out");
        assertThat(words(mvn)).containsExactly("CDK_OUTDIR=target/out", "mvn", "-q", "compile");
    }

    @Test
    void unsupportedSyntaxIsRefusedWithItsNameAndParsingGoesOnAtTheNextLogicalLine() {
        List<Item> items = parse("""
                URL=$(aws cloudformation describe-stacks \\
                  --query x)
                a | b
                a && b
                a; b
                a > out
                (cd x)
                echo `date`
                echo ${X:-default}
                echo $1
                echo "$((1 + 2))"
                echo 'open
                """);
        assertThat(items).allSatisfy(i -> assertThat(i).isInstanceOf(Error.class));
        assertThat(items).extracting(i -> ((Error) i).message()).containsExactly(
                "command substitution $(...)", "a pipe '|'", "'&&'", "';'", "a redirection '>'",
                "a subshell or parenthesis '('", "command substitution with backquotes",
                "the expansion ${X:-default} (only ${NAME}, ${NAME[@]} and ${NAME[*]} are supported)",
                "the special parameter $1", "arithmetic expansion $((...))", "an unterminated single quote");
        assertThat(items).extracting(Item::line).containsExactly(10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
        assertThat(((Error) items.get(0)).assigns()).isEqualTo("URL");
        assertThat(((Error) items.get(1)).assigns()).isNull();
    }

    @Test
    void aLoneDollarIsLiteral() {
        assertThat(words(parse("echo $ a$ \"$\"\n").get(0))).containsExactly("echo", "$", "a$", "$");
    }
}
