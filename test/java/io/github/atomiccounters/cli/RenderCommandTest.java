package io.github.atomiccounters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class RenderCommandTest {

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new RenderCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void printsExactlyTheRenderedText() throws IOException {
        String t = file("req.vtl", "#set($id = $input.params('id'))\n"
                + "{\"TableName\":\"$stageVariables.table\",\"Key\":{\"id\":{\"S\":\"$id\"}},\"n\":$input.json('$.n')}");
        Result r = run("--template", t, "--body", "{\"n\": 5}", "--path", "id=abc", "--stage-variable", "table=counters");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("{\"TableName\":\"counters\",\"Key\":{\"id\":{\"S\":\"abc\"}},\"n\":5}");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noTrailingNewlineIsAdded() throws IOException {
        assertThat(run("--template", file("a.vtl", "x")).out()).isEqualTo("x");
        assertThat(run("--template", file("b.vtl", "x\n")).out()).isEqualTo("x\n");
    }

    @Test
    void paramsQueryHeadersAndLookupOrder() throws IOException {
        String t = file("p.vtl", "$input.params('a')|$input.params('b')|$input.params('c')|$input.params().querystring");
        Result r = run("--template", t, "--path", "a=pa", "--query", "a=qa", "--query", "b=qb", "--query", "x=1=2",
                "--header", "c=hc", "--header", "b=hb");
        assertThat(r.out()).isEqualTo("pa|qb|hc|{a=qa, b=qb, x=1=2}");
    }

    @Test
    void contextDefaultsAndDottedOverrides() throws IOException {
        String t = file("c.vtl", "$context.stage|$context.requestId|$context.httpMethod|$context.identity.sourceIp|"
                + "#if($context.requestTimeEpoch > 1600000000000)epoch-ok#end|$context.requestTime");
        Result defaults = run("--template", t);
        assertThat(defaults.out()).startsWith("local|" + RenderCommand.DEFAULT_REQUEST_ID + "|POST|127.0.0.1|epoch-ok|")
                .matches(".*\\|\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        Result overridden = run("--template", t, "--context", "stage=prod", "--context", "identity.sourceIp=1.2.3.4",
                "--context", "httpMethod=GET", "--context", "requestId=r-1");
        assertThat(overridden.out()).startsWith("prod|r-1|GET|1.2.3.4|epoch-ok|");
    }

    @Test
    void emptyBodyIsBraces() throws IOException {
        assertThat(run("--template", file("e.vtl", "$input.body")).out()).isEqualTo("{}");
    }

    @Test
    void thenRendersTheResponseTemplateWithTheSameContext() throws IOException {
        String req = file("req.vtl", "#set($context.requestOverride.header.X-Amz-Target = 'DynamoDB_20120810.UpdateItem')"
                + "#set($context.responseOverride.header.X-Id = $input.params('id'))request-output");
        String res = file("res.vtl", "#set($type = $input.path('$.__type'))\n"
                + "#if($type.endsWith('ConditionalCheckFailedException'))\n"
                + "#set($context.responseOverride.status = 409)\n"
                + "{\"error\":\"exists\",\"id\":\"$context.responseOverride.header.X-Id\",\"target\":\"$context.requestOverride.header.X-Amz-Target\"}\n"
                + "#else\n{\"ok\":true}\n#end\n");
        Result r = run("--template", req, "--path", "id=7", "--then", res, "--integration-body",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("{\"error\":\"exists\",\"id\":\"7\",\"target\":\"DynamoDB_20120810.UpdateItem\"}\n");
        assertThat(r.err()).isEqualTo("status: 409" + System.lineSeparator());

        Result ok = run("--template", req, "--then", res, "--integration-body", "{\"Attributes\":{}}");
        assertThat(ok.out()).isEqualTo("{\"ok\":true}\n");
        assertThat(ok.err()).isEmpty();
    }

    @Test
    void statusIsReportedWithoutThenToo() throws IOException {
        Result r = run("--template", file("s.vtl", "#set($context.responseOverride.status = '202')x"));
        assertThat(r.out()).isEqualTo("x");
        assertThat(r.err()).isEqualTo("status: 202" + System.lineSeparator());
    }

    @Test
    void mappingExceptionGoesToStderrWithExitCode1() throws IOException {
        Result r = run("--template", file("m.vtl", "$input.path('$.a')"), "--body", "{\"a\":");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: 400 Unexpected End Of File");

        Result thenFails = run("--template", file("ok.vtl", "ok"), "--then", file("bad.vtl", "$input.json('$')"),
                "--integration-body", "{nope");
        assertThat(thenFails.exit()).isEqualTo(1);
        assertThat(thenFails.out()).isEmpty();
        assertThat(thenFails.err()).startsWith("error: 400 ");
    }

    /** A template is rendered as deployed: its fragments come from the nearest directory above it that has them. */
    @Test
    void fragmentsAreExpandedFromTheTemplatesOwnTreeAndExpandedShowsTheResult() throws IOException {
        Files.createDirectories(dir.resolve("fragments"));
        Files.createDirectories(dir.resolve("request"));
        Files.writeString(dir.resolve("fragments/hello.vtl"), "#set($greeting = \"hello @{who}\")\n");
        String t = Files.writeString(dir.resolve("request/t.vtl"),
                "##@include fragments/hello.vtl who=world\n$greeting").toString();

        assertThat(run("--template", t).out()).isEqualTo("hello world");
        Result shown = run("--template", t, "--expanded");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).isEqualTo("## >> fragments/hello.vtl who=world\n#set($greeting = \"hello world\")\n"
                + "$greeting");
    }

    @Test
    void theProjectsTemplatesExpandAsTheyDeploy() {
        Result shown = run("--template", "velocity-templates/request/increment.vtl", "--expanded");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).isEqualTo(io.github.atomiccounters.cdk.TemplateFiles.read("request/increment.vtl"));
    }

    @Test
    void aFragmentThatCannotBeExpandedExitsWith1NamingFileAndLine() throws IOException {
        Result r = run("--template", file("bad.vtl", "x\n##@include fragments/none.vtl\n"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains("bad.vtl:2: unknown fragment fragments/none.vtl");
    }

    @Test
    void syntaxErrorExitsWith1() throws IOException {
        Result r = run("--template", file("syntax.vtl", "a\n#if($x"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: ").contains("syntax.vtl").contains("line 2");
    }

    @Test
    void theEngineIsVelocity17UnlessAskedOtherwise() throws IOException {
        // Velocity 1.7's grammar has no expression as a method argument; 2.4's has
        String t = file("arg.vtl", "#set($s = 'abcdef')$s.substring(0, $s.length() - 3)");
        Result byDefault = run("--template", t);
        assertThat(byDefault.exit()).isEqualTo(1);
        assertThat(byDefault.err()).startsWith("error: Syntax error in mapping template").contains("line 1, column");
        assertThat(run("--template", t, "--engine", "velocity-1.7").exit()).isEqualTo(1);
        Result alternative = run("--template", t, "--engine", "velocity-2.4");
        assertThat(alternative.exit()).isZero();
        assertThat(alternative.out()).isEqualTo("abc");
        Result unknown = run("--template", t, "--engine", "velocity-2");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("velocity-1.7, velocity-2.4");
    }

    @Test
    void badUsageExitsWith2() throws IOException {
        List<Result> results = new ArrayList<>();
        results.add(run());                                              // --template missing
        results.add(run("--template", file("u.vtl", "x"), "--path", "novalue"));
        results.add(run("--template", file("v.vtl", "x"), "--unknown"));
        results.add(run("--template", file("w.vtl", "x"), "--integration-body", "{}")); // without --then
        results.add(run("--template", dir.resolve("missing.vtl").toString()));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isNotEmpty();
        });
    }

    @Test
    void helpWorks() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("render").contains("--template").contains("--then").contains("--integration-body")
                .contains("--engine").contains("Default: velocity-1.7");
    }
}
