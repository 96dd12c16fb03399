package io.github.atomiccounters.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.cli.OpenApiCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.atomiccounters.openapi.OpenApiFixtureTest.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code openapi} subcommand with --template (the synthesizing default is in OpenApiSynthesizedTest). */
class OpenApiCommandTest {

    static final String TEMPLATE = OpenApiSnapshotTest.TEMPLATE.toString();

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new OpenApiCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void writesTheDocumentToAFile() throws Exception {
        Path file = dir.resolve("nested/dir/openapi.json");
        Result r = run("--template", TEMPLATE, "--server-url", "http://127.0.0.1:8080/v1", "--output", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        String written = Files.readString(file, StandardCharsets.UTF_8);
        String expected = OpenApiGenerator.toJson(OpenApiGenerator.generate(
                ApiModel.fromFile(OpenApiSnapshotTest.TEMPLATE), "http://127.0.0.1:8080/v1"));
        assertThat(written).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(written, Map.class);
        assertThat(parsed.get("servers")).isEqualTo(List.of(Map.of("url", "http://127.0.0.1:8080/v1")));
        assertThat(at(parsed, "paths")).containsKey("/counters/{name}/next");
    }

    @Test
    void printsToStdoutByDefaultAndTwoRunsAreIdentical() {
        Result first = run("--template", TEMPLATE);
        Result second = run("--template", TEMPLATE);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("{\n  \"openapi\": \"3.0.3\"").endsWith("}\n")
                .contains("https://{apiId}.execute-api.{region}.amazonaws.com/{stage}");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void titleOverridesTheApiName() throws Exception {
        Result r = run("--template", TEMPLATE, "--title", "Atomic counters");
        assertThat(r.exit()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(r.out(), Map.class);
        assertThat(at(parsed, "info")).containsEntry("title", "Atomic counters");
    }

    @Test
    void missingTemplateIsAnErrorOnStderr() {
        Result r = run("--template", dir.resolve("nope.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains("nope.json");
    }

    @Test
    void malformedOrApiLessTemplatesAreErrors() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{not json");
        Result r = run("--template", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains("bad.json");

        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"Resources\": {}}");
        r = run("--template", empty.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").containsIgnoringCase("RestApi");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unwritableOutputIsAnError() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Result r = run("--template", TEMPLATE, "--output", blocker.resolve("openapi.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: cannot write");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("--template", TEMPLATE, "--context", "auth=none").exit()).isEqualTo(2);
        assertThat(run("--template", TEMPLATE, "--server-url", " ").exit()).isEqualTo(2);
        assertThat(run("--bogus").exit()).isEqualTo(2);
        Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--template", "--server-url", "--output");
    }
}
