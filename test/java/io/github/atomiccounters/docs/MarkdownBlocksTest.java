package io.github.atomiccounters.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownBlocksTest {

    @Test
    void blocksWithTheirInfoWordFirstLineAndContent() {
        String md = """
                # Title

                ```sh
                curl x
                ```

                - a list item:

                  ```json
                  {"a": 1}
                  ```

                ````text
                ```sh
                not a block of its own
                ````

                ```
                no info
                ```
                ~~~sh title="x"
                echo tilde
                ~~~
                """;
        List<MarkdownBlocks.Block> blocks = MarkdownBlocks.of(md);
        assertThat(blocks).extracting(MarkdownBlocks.Block::info).containsExactly("sh", "json", "text", "", "sh");
        assertThat(blocks).extracting(MarkdownBlocks.Block::firstLine).containsExactly(4, 10, 14, 19, 22);
        assertThat(blocks.get(0).lines()).containsExactly("curl x");
        assertThat(blocks.get(1).lines()).as("the fence's indentation is removed").containsExactly("{\"a\": 1}");
        assertThat(blocks.get(2).lines()).containsExactly("```sh", "not a block of its own");
        assertThat(blocks.get(4).text()).isEqualTo("echo tilde\n");
    }

    @Test
    void anUnclosedBlockRunsToTheEnd() {
        List<MarkdownBlocks.Block> blocks = MarkdownBlocks.of("```sh\na\nb\n");
        assertThat(blocks).singleElement().satisfies(b -> assertThat(b.lines()).containsExactly("a", "b", ""));
    }
}
