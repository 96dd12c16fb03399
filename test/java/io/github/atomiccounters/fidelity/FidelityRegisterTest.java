package io.github.atomiccounters.fidelity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/aws-fidelity.md points at the lines that rely on each behaviour: every {@code file:line} it names exists, so
 * a reviewer following it lands in the file it means (a moved line is caught when the file gets shorter; review the
 * register with every template change).
 */
class FidelityRegisterTest {
    private static final Path REGISTER = Path.of("docs/aws-fidelity.md");
    private static final Pattern REFERENCE = Pattern.compile("`([A-Za-z0-9_./-]+\\.(?:vtl|java|json)):(\\d+)(?:-(\\d+))?`");

    @Test
    void everyReferencedLineExists() throws IOException {
        String register = Files.readString(REGISTER);
        Matcher m = REFERENCE.matcher(register);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Path file = resolve(m.group(1));
            assertThat(file).as(m.group()).exists();
            List<String> lines = Files.readAllLines(file);
            int last = Integer.parseInt(m.group(3) == null ? m.group(2) : m.group(3));
            assertThat(last).as(m.group() + " within " + file).isBetween(1, lines.size());
            assertThat(lines.get(Integer.parseInt(m.group(2)) - 1)).as(m.group()).isNotBlank();
            checked.add(m.group());
        }
        assertThat(checked).as("file:line references in the register").hasSizeGreaterThanOrEqualTo(30);
    }

    private static Path resolve(String name) throws IOException {
        for (Path candidate : List.of(Path.of("velocity-templates", name), Path.of(name))) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        try (var files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(p -> p.toString().endsWith("/" + name) || p.endsWith(name)).findFirst()
                    .orElse(Path.of(name));
        }
    }
}
