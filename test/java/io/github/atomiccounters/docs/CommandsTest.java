package io.github.atomiccounters.docs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI launcher recognition and picocli checks ({@link CliRunner}), and the parsed-only commands. */
class CommandsTest {
    private static final ProjectFacts FACTS = new ProjectFacts("2.1148.1", Set.of("auth", "shardCount", "stackName"));
    private static final CliRunner CLI = new CliRunner(FACTS.contextKeys());
    private static final ParsedCommands PARSED = new ParsedCommands(FACTS);
    private static final String ORIGIN = "http://127.0.0.1:8080";

    private static List<String> words(String line) {
        return new Variables().expand(((ShellParser.Command) ShellParser.parse(line + "\n", 1).get(0)).words())
                .words();
    }

    private static CliRunner.Outcome cli(String line) throws Exception {
        return CLI.run(CliRunner.cliArguments(words(line)), ORIGIN, u -> {
            throw new IllegalStateException("no runtime in this test");
        }, null);
    }

    @Test
    void execArgsAreSplitAsExecMavenPluginSplitsThem() throws Exception {
        assertThat(CliRunner.translateCommandline("render --body '{\"by\": 5}'  --path name=likes \"\" x\"y z\""))
                .containsExactly("render", "--body", "{\"by\": 5}", "--path", "name=likes", "xy z");
        assertThatThrownBy(() -> CliRunner.translateCommandline("render --body '{")).hasMessageContaining("unbalanced");
        // the README's render example: bash removes the \" escapes, then exec-maven-plugin splits
        assertThat(CliRunner.cliArguments(words("mvn -q compile exec:java -Dexec.args=\"render --template t.vtl \\\n"
                + "  --body '{\\\"by\\\": 5, \\\"max\\\": 10}' --path name=likes\"")))
                .containsExactly("render", "--template", "t.vtl", "--body", "{\"by\": 5, \"max\": 10}", "--path",
                        "name=likes");
    }

    @Test
    void theCliIsRecognisedAsMavenOrJavaLaunchesIt() throws Exception {
        assertThat(CliRunner.cliArguments(words("mvn -q compile exec:java -Dexec.args=\"serve --no-auth\"")))
                .containsExactly("serve", "--no-auth");
        assertThat(CliRunner.cliArguments(words("mvn -B -q compile exec:java"))).isEmpty();
        assertThat(CliRunner.cliArguments(words("java -cp \"target/classes:lib/*\" -Xmx1g "
                + "io.github.atomiccounters.cli.Main verify --auth none"))).containsExactly("verify", "--auth", "none");
        assertThat(CliRunner.cliArguments(words("mvn -B verify"))).isNull();
        assertThat(CliRunner.cliArguments(words("mvn -q compile exec:java -Dexec.mainClass=x.App"))).isNull();
        assertThat(CliRunner.cliArguments(words("java -jar app.jar"))).isNull();
    }

    @Test
    void serveSelectsARuntimeByTheOptionsThatChangeWhatIsServed() throws Exception {
        CliRunner.Serve plain = (CliRunner.Serve) cli("mvn -q compile exec:java -Dexec.args=\"serve\"");
        assertThat(plain.spec()).isEqualTo(DocRuntimes.Spec.DEFAULT);
        assertThat(plain.origin()).isEqualTo("http://127.0.0.1:8080");
        CliRunner.Serve other = (CliRunner.Serve) cli("mvn -q compile exec:java -Dexec.args=\"serve --no-auth "
                + "-c shardCount=3 --fault throttle:0.5 --port 9090 --quiet --record r.jsonl\"");
        assertThat(other.spec()).isEqualTo(new DocRuntimes.Spec(Map.of("shardCount", "3"), false, "throttle:0.5", null));
        assertThat(other.origin()).isEqualTo("http://127.0.0.1:9090");
    }

    @Test
    void invalidOptionsAndUnknownContextKeysAreRefused() {
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"serve --colour\""))
                .hasMessageStartingWith("the CLI refuses these arguments: Unknown option: '--colour'");
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"serve -c tableName=x\""))
                .hasMessageStartingWith("serve -c tableName=...: the app reads no context key 'tableName'");
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"openapi -c tableName=x\""))
                .hasMessageStartingWith("openapi -c tableName=...");
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"frobnicate\""))
                .hasMessageStartingWith("the CLI refuses these arguments");
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"bench --no-such\""))
                .hasMessageContaining("--no-such");
    }

    @Test
    void benchAndARemoteVerifyAreOnlyParsedALocalVerifyNeedsItsRuntime() throws Exception {
        assertThat(cli("mvn -q compile exec:java -Dexec.args=\"bench --concurrency 1 --duration 1s\""))
                .isInstanceOf(CliRunner.ParsedOnly.class);
        assertThat(cli("mvn -q compile exec:java -Dexec.args=\"verify --endpoint https://x.example.com/v1\""))
                .isInstanceOf(CliRunner.ParsedOnly.class);
        assertThat(cli("mvn -q compile exec:java -Dexec.args=\"verify --endpoint http://127.0.0.1:80801/v1\""))
                .as("another port").isInstanceOf(CliRunner.ParsedOnly.class);
        assertThatThrownBy(() -> cli("mvn -q compile exec:java -Dexec.args=\"verify --endpoint "
                + "http://127.0.0.1:8080/v1 --auth none\"")).hasMessage("no runtime in this test");
        assertThatThrownBy(() -> CLI.run(List.of("render", "--template", "t.vtl"), ORIGIN,
                u -> u, "$X is not set")).hasMessage("not run: $X is not set");
    }

    @Test
    void renderRunsInProcessWithItsOutputCaptured() throws Exception {
        CliRunner.Ran ran = (CliRunner.Ran) cli("mvn -q compile exec:java -Dexec.args=\"render --template "
                + "velocity-templates/request/delete.vtl --path name=x --stage-variable tableName=t "
                + "--stage-variable partitionKey=pk --stage-variable sortKey=sk --stage-variable sortKeyValue=c\"");
        assertThat(ran.exit()).as(ran.err()).isZero();
        assertThat(JsonMatch.parse(ran.output()).path("TableName").asText()).isEqualTo("t");
        CliRunner.Ran failed = (CliRunner.Ran) cli("mvn -q compile exec:java -Dexec.args=\"render --template "
                + "no/such.vtl\"");
        assertThat(failed.exit()).isNotZero();
    }

    @Test
    void cdkCommandsMustUseThePinnedCliAndContextKeysTheAppReads() throws Exception {
        assertThat(PARSED.check(words("npx aws-cdk@2.1148.1 deploy -c auth=iam --context stackName=x "
                + "--context=shardCount=3 --require-approval never"), false)).isEqualTo("cdk deploy");
        assertThat(PARSED.check(words("npx -y aws-cdk@2.1148.1 synth --quiet"), false)).isEqualTo("cdk synth");
        assertThatThrownBy(() -> PARSED.check(words("npx aws-cdk@2.1000.0 deploy"), false))
                .hasMessage("npx aws-cdk@2.1000.0: .ci/run pins the CDK CLI at 2.1148.1");
        assertThatThrownBy(() -> PARSED.check(words("npx aws-cdk deploy"), false))
                .hasMessageContaining("must be pinned");
        assertThatThrownBy(() -> PARSED.check(words("npx aws-cdk@2.1148.1 deploy -c tableName=x -c auth=iam "
                + "-c zone=y"), false)).hasMessageStartingWith("-c tableName, zone: not a context key the app reads");
        assertThatThrownBy(() -> PARSED.check(words("npx aws-cdk@2.1148.1 deploy -c auth"), false))
                .hasMessageContaining("expected key=value");
        assertThat(PARSED.check(words("npx create-react-app x"), false)).isNull();
    }

    @Test
    void theOtherParsedOnlyCommands() throws Exception {
        assertThat(PARSED.check(words("aws dynamodb scan --table-name t"), false)).isEqualTo("aws dynamodb");
        assertThat(PARSED.check(words("mvn -B verify"), false)).isEqualTo("mvn verify");
        assertThat(PARSED.check(words("mvn -B -q install -DskipTests"), false)).isEqualTo("mvn install");
        assertThat(PARSED.check(words("mvn -B -q compile"), false)).isEqualTo("mvn compile");
        assertThat(PARSED.check(words("mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt"), false))
                .isEqualTo("mvn dependency:build-classpath");
        assertThat(PARSED.check(words("mvn -B package"), false)).isNull();
        assertThat(PARSED.check(words("scripts/bench.sh --concurrency 1"), false)).isEqualTo("script");
        assertThatThrownBy(() -> PARSED.check(words("scripts/no-such-script.sh"), false))
                .hasMessage("no such script: scripts/no-such-script.sh");
        assertThat(PARSED.check(words("CDK_OUTDIR=out mvn -B -q compile exec:java").subList(1, 6), true))
                .isEqualTo("mvn with an environment");
        assertThat(PARSED.check(List.of("scripts/bench.sh"), true)).isNull();
        assertThat(PARSED.check(words("cd examples/seed-table"), false)).isEqualTo("cd");
        assertThatThrownBy(() -> PARSED.check(words("cd a b"), false)).hasMessage("cd takes one directory");
        assertThat(PARSED.check(words("export A=1 B"), false)).isEqualTo("export");
        assertThat(PARSED.check(words("git clone https://github.com/x/y.git"), false)).isEqualTo("git clone");
        assertThat(PARSED.check(words("git push"), false)).isNull();
        assertThat(PARSED.check(words("jq .value"), false)).isNull();
    }
}
