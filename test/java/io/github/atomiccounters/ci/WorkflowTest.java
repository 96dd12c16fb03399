package io.github.atomiccounters.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.atomiccounters.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code .github/workflows/ci.yml} parses and runs what the README documents: its test command, {@code cdk synth}
 * and {@code cdk deploy} with the pinned CLI, and {@code verify} against the deployed stack. The commands are read
 * from the README, so this fails when either file drifts.
 */
class WorkflowTest {
    private static final Path WORKFLOW = Path.of(".github", "workflows", "ci.yml");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    private static JsonNode workflow;
    private static List<String> readmeCommands;

    @BeforeAll
    static void read() throws IOException {
        workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        readmeCommands = shellCommands(Files.readString(Path.of("README.md")));
    }

    /** Every command of the README's {@code sh} blocks: continuation lines joined, trailing comments dropped. */
    static List<String> shellCommands(String markdown) {
        List<String> commands = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(markdown);
        while (block.find()) {
            String joined = block.group(1).replaceAll("\\\\\\n\\s*", " ");
            for (String line : joined.split("\n")) {
                String command = line.replaceFirst("\\s+#\\s.*$", "").trim();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    /** The one README command that matches, e.g. the test command. */
    private static String readme(String what, Pattern pattern) {
        List<String> matching = readmeCommands.stream().filter(c -> pattern.matcher(c).matches()).toList();
        assertThat(matching).as("the README's %s command", what).hasSize(1);
        return matching.get(0);
    }

    private static String testCommand() {
        return readme("test", Pattern.compile("mvn .*\\bverify"));
    }

    private static String synthCommand() {
        return readme("synth", Pattern.compile("npx aws-cdk@\\S+ synth"));
    }

    private static String deployCommand() {
        return readme("deploy", Pattern.compile("npx aws-cdk@\\S+ deploy"));
    }

    private static List<JsonNode> steps(String job) {
        JsonNode steps = workflow.path("jobs").path(job).path("steps");
        assertThat(steps.isArray()).as("jobs.%s.steps", job).isTrue();
        return StreamSupport.stream(steps.spliterator(), false).toList();
    }

    private static List<String> runs(String job) {
        return steps(job).stream().filter(s -> s.has("run")).map(s -> s.get("run").asText().trim()).toList();
    }

    private static JsonNode uses(String job, String action) {
        List<JsonNode> matching = steps(job).stream()
                .filter(s -> s.path("uses").asText().startsWith(action + "@")).toList();
        assertThat(matching).as("jobs.%s uses %s", job, action).hasSize(1);
        return matching.get(0);
    }

    private static int indexOfRun(String job, String command) {
        List<String> runs = runs(job);
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).lines().anyMatch(l -> l.trim().startsWith(command))) {
                return i;
            }
        }
        throw new AssertionError("jobs." + job + " runs no step starting with: " + command + "; runs: " + runs);
    }

    @Test
    void theReadmeCommandsAreFoundWhereTheReadmeSaysThem() {
        assertThat(testCommand()).isEqualTo("mvn -B verify");
        assertThat(synthCommand()).matches("npx aws-cdk@2\\.\\d+\\.\\d+ synth");
        assertThat(deployCommand()).matches("npx aws-cdk@2\\.\\d+\\.\\d+ deploy");
        assertThat(readmeCommands).anySatisfy(c -> assertThat(c).contains("verify --endpoint $API_URL"));
    }

    @Test
    void itRunsOnPushesPullRequestsAndByHand() {
        assertThat(workflow.path("name").asText()).isEqualTo("ci");
        JsonNode on = workflow.path("on");
        assertThat(on.isObject()).as("'on' read as a key, not YAML 1.1's boolean").isTrue();
        assertThat(on.path("push").path("branches").toString()).isEqualTo("[\"main\"]");
        assertThat(on.has("pull_request")).isTrue();
        assertThat(on.has("workflow_dispatch")).isTrue();
        assertThat(workflow.path("permissions").path("contents").asText()).isEqualTo("read");
    }

    @Test
    void everyActionIsPinnedToAMajorVersion() {
        List<String> used = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("uses")) {
                used.add(step.get("uses").asText());
            }
        }));
        assertThat(used).isNotEmpty().allSatisfy(u -> assertThat(u).matches("[\\w.-]+/[\\w.-]+@v\\d+"));
    }

    @Test
    void theTestJobRunsTheReadmesTestCommandAndSynthOnJdk17AndANodeLts() {
        JsonNode java = uses("test", "actions/setup-java").path("with");
        assertThat(java.path("distribution").asText()).isEqualTo("temurin");
        assertThat(java.path("java-version").asText()).isEqualTo("17");
        assertThat(java.path("cache").asText()).isEqualTo("maven");
        assertThat(uses("test", "actions/setup-node").path("with").path("node-version").asText())
                .as("an LTS line").matches("lts/\\*|(2[02468]|1[8])(\\.x)?");
        int test = indexOfRun("test", testCommand());
        int synth = indexOfRun("test", synthCommand());
        assertThat(runs("test").get(test)).isEqualTo(testCommand());
        assertThat(synth).isGreaterThan(test);
        JsonNode upload = uses("test", "actions/upload-artifact").path("with");
        assertThat(upload.path("path").asText()).startsWith("cdk.out");
        assertThat(steps("test").indexOf(uses("test", "actions/upload-artifact"))).as("after synth")
                .isGreaterThan(steps("test").indexOf(steps("test").stream()
                        .filter(s -> s.path("run").asText().trim().equals(synthCommand())).findFirst().orElseThrow()));
    }

    @Test
    void theDeployJobIsManualAssumesARoleByOidcDeploysAndVerifies() {
        JsonNode deploy = workflow.path("jobs").path("deploy");
        assertThat(deploy.path("if").asText()).contains("github.event_name == 'workflow_dispatch'");
        assertThat(deploy.path("needs").asText()).isEqualTo("test");
        assertThat(deploy.path("permissions").path("id-token").asText()).isEqualTo("write");
        JsonNode aws = uses("deploy", "aws-actions/configure-aws-credentials").path("with");
        assertThat(aws.path("role-to-assume").asText()).matches("\\$\\{\\{ (vars|secrets)\\.\\w+ }}");
        assertThat(aws.path("aws-region").asText()).isNotBlank();
        uses("deploy", "actions/setup-java");
        uses("deploy", "actions/setup-node");

        int deployed = indexOfRun("deploy", deployCommand() + " --require-approval never");
        int apiUrl = -1;
        List<String> runs = runs("deploy");
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).contains("ApiUrl") && runs.get(i).contains("API_URL=") && runs.get(i).contains("GITHUB_ENV")) {
                apiUrl = i;
            }
        }
        assertThat(apiUrl).as("a step reads the stack's ApiUrl output into API_URL").isGreaterThan(deployed);
        int verified = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).contains("io.github.atomiccounters.cli.Main verify --endpoint \"$API_URL\"")) {
                verified = i;
            }
        }
        assertThat(verified).as("a step runs verify --endpoint \"$API_URL\"").isGreaterThan(apiUrl);
        assertThat(new CommandLine(new Main()).getSubcommands()).containsKey("verify");
    }

    @Test
    void theReadmeTheWorkflowAndCiRunPinTheSameCdkCli() throws IOException {
        Pattern version = Pattern.compile("aws-cdk@(\\d+\\.\\d+\\.\\d+)");
        Set<String> versions = new TreeSet<>();
        for (Path file : List.of(Path.of("README.md"), WORKFLOW, Path.of(".ci", "run"))) {
            Matcher m = version.matcher(Files.readString(file));
            boolean found = false;
            while (m.find()) {
                versions.add(m.group(1));
                found = true;
            }
            assertThat(found).as("%s names the pinned CDK CLI", file).isTrue();
        }
        assertThat(versions).hasSize(1);
    }
}
