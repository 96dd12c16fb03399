package io.github.atomiccounters.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldenTest {

    @Test
    void theUpdateModeWritesTheFileAndFailsEvenWhenNothingChanged(@TempDir Path dir) throws Exception {
        Path golden = dir.resolve("nested/golden.json");
        assertThatThrownBy(() -> Golden.assertMatches(golden, "{}\n", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("wrote").hasMessageContaining("(changed)");
        assertThat(Files.readString(golden)).isEqualTo("{}\n");
        assertThatThrownBy(() -> Golden.assertMatches(golden, "{}\n", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("(unchanged)");
    }

    @Test
    void theCheckModeComparesWithTheReviewedFileAndNeverWritesIt(@TempDir Path dir) throws Exception {
        Path golden = dir.resolve("golden.json");
        assertThatThrownBy(() -> Golden.assertMatches(golden, "{}", false)).hasMessageContaining("create with");
        assertThat(golden).doesNotExist();
        Files.writeString(golden, "{\"a\": 1}");
        Golden.assertMatches(golden, "{\"a\": 1}", false);
        assertThatThrownBy(() -> Golden.assertMatches(golden, "{\"a\": 2}", false)).isInstanceOf(AssertionError.class);
        assertThat(Files.readString(golden)).isEqualTo("{\"a\": 1}");
    }
}
