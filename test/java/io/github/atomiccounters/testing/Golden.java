package io.github.atomiccounters.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files (snapshots) reviewed by a person. {@code -Dsnapshot.update=true} rewrites a golden file and then
 * fails the test on purpose: an update run can never be green by comparing the file with what it just wrote.
 * Review the diff, then run again without the flag.
 */
public final class Golden {
    public static final String UPDATE_PROPERTY = "snapshot.update";

    private Golden() {
    }

    public static void assertMatches(Path golden, String actual) throws IOException {
        assertMatches(golden, actual, Boolean.getBoolean(UPDATE_PROPERTY));
    }

    static void assertMatches(Path golden, String actual, boolean update) throws IOException {
        if (update) {
            boolean changed = !Files.exists(golden) || !Files.readString(golden).equals(actual);
            Files.createDirectories(golden.toAbsolutePath().getParent());
            Files.writeString(golden, actual);
            fail("-D%s=true: wrote %s (%s); review the diff, then run again without the flag", UPDATE_PROPERTY,
                    golden, changed ? "changed" : "unchanged");
        }
        assertThat(Files.exists(golden)).as("golden file %s (create with -D%s=true)", golden, UPDATE_PROPERTY)
                .isTrue();
        assertThat(actual).as("%s (regenerate on purpose with -D%s=true)", golden, UPDATE_PROPERTY)
                .isEqualTo(Files.readString(golden));
    }
}
