package io.github.atomiccounters.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomiccounters.apimodel.ApiModel;
import io.github.atomiccounters.apimodel.LocalFacts;
import io.github.atomiccounters.apimodel.TemplateException;
import io.github.atomiccounters.cdk.CounterApp;
import io.github.atomiccounters.openapi.OpenApiGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openapi}: writes the OpenAPI 3.0.3 document of the REST API of a synthesized CloudFormation template
 * (by default, of this project's own app, synthesized in-process) as pretty JSON.
 *
 * <p>Exit codes: 0 written; 1 the template could not be read, synthesized or understood, or the output could not
 * be written (a message on stderr); 2 bad usage.
 */
@Command(name = "openapi", mixinStandardHelpOptions = true,
        description = {"Write the OpenAPI 3.0.3 document (JSON) of the REST API of a synthesized CloudFormation "
                + "template.",
            "Without --template, synthesizes this project's app in-process (with cdk.json's context, plus any "
                + "--context options), which takes a few seconds and needs node."})
public class OpenApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A synthesized CloudFormation template (JSON), e.g. cdk.out/AtomicCounters.template.json.")
    Path template;

    @Option(names = "--rest-api", paramLabel = "LOGICAL_ID",
            description = "The AWS::ApiGateway::RestApi to document when the template has several.")
    String restApi;

    @Option(names = {"-c", "--context"}, paramLabel = "k=v",
            description = "A CDK context value for the in-process synthesis, e.g. auth=api-key (repeatable; "
                    + "not with --template).")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--server-url", paramLabel = "URL",
            description = "The document's server, e.g. http://127.0.0.1:8080/v1 (default: the deployed API's "
                    + "https://{apiId}.execute-api.{region}.amazonaws.com/{stage}, with variables).")
    String serverUrl;

    @Option(names = "--title", paramLabel = "TEXT",
            description = "The document's info.title (default: the REST API's name).")
    String title;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the document (default: stdout).")
    Path output;

    public OpenApiCommand() {
    }

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (template != null && !context.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "--context applies only without --template");
        }
        if (title != null && title.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "--title: expected a text but got a blank value");
        }
        if (serverUrl != null && serverUrl.isBlank()) {
            throw new CommandLine.ParameterException(cmd, "--server-url: expected a URL but got a blank value");
        }
        PrintWriter err = cmd.getErr();
        String json;
        try {
            ApiModel model = readModel();
            Map<String, Object> document = OpenApiGenerator.generate(model, serverUrl);
            if (title != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> info = (Map<String, Object>) document.get("info");
                info.put("title", title);
            }
            json = OpenApiGenerator.toJson(document);
        } catch (TemplateException e) {
            return fail(err, "the template's REST API cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(err, e.getMessage() + ": " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            // synthesis errors (cdk-nag findings, bad context) and unsupported template contents
            return fail(err, (template == null ? "cannot synthesize the app: " : "cannot document " + template + ": ")
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
        }
        if (output == null) {
            PrintWriter out = cmd.getOut();
            out.print(json);
            out.flush();
            return 0;
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail(err, "cannot write " + output + ": " + e);
        }
        return 0;
    }

    private ApiModel readModel() {
        LocalFacts facts = LocalFacts.defaults();
        JsonNode cfn;
        if (template != null) {
            if (!Files.isRegularFile(template)) {
                throw new UncheckedIOException("Cannot read CloudFormation template " + template,
                        new IOException("no such file"));
            }
            cfn = ApiModel.readTemplate(template);
        } else {
            Map<String, Object> synthesized = CounterApp.synthesizeTemplate(Path.of("cdk.json"), context);
            cfn = new ObjectMapper().valueToTree(synthesized);
        }
        return restApi == null ? ApiModel.fromTemplate(cfn, facts) : ApiModel.fromTemplate(cfn, facts, restApi);
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OpenApiCommand()).execute(args));
    }
}
