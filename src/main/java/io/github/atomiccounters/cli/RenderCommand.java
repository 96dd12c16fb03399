package io.github.atomiccounters.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.atomiccounters.cdk.TemplateFiles;
import io.github.atomiccounters.cdk.TemplateFragments;
import io.github.atomiccounters.vtl.MappingContext;
import io.github.atomiccounters.vtl.MappingException;
import io.github.atomiccounters.vtl.MappingInput;
import io.github.atomiccounters.vtl.MappingTemplate;
import io.github.atomiccounters.vtl.VtlEngine;
import io.github.atomiccounters.vtl.VtlEngineKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code render}: renders a mapping template offline, exactly as the local runtime (and API Gateway) would, and prints
 * only the rendered text. With {@code --then}, renders a response template afterwards with the same
 * {@code $context}, printing only its output. A template is rendered as deployed: its {@code ##@include} and
 * {@code ##@wrap} fragments ({@link TemplateFragments}) are expanded, each read from the nearest directory above the
 * template that holds it (so {@code velocity-templates/fragments/} for the project's templates), else from the
 * project's own; {@code --expanded} prints that text instead of rendering it.
 *
 * <p>Exit codes: 0 rendered; 1 the template failed (a {@link MappingException}, printed as
 * {@code error: <status> <message>}, or a syntax error); 2 bad usage (including an unreadable template file).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render an API Gateway mapping template (VTL) offline and print exactly the result.",
            "With --then, render a response template next, with the same $context (overrides carry over), and print "
                + "only its output; a $context.responseOverride.status is reported on stderr as 'status: N'.",
            "A template is rendered as deployed, its ##@include/##@wrap fragments expanded (from the nearest "
                + "directory above it that holds them); --expanded prints that text instead."})
public class RenderCommand implements Callable<Integer> {

    /** The requestId used unless {@code --context requestId=...} says otherwise. */
    public static final String DEFAULT_REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--template", required = true, paramLabel = "FILE", description = "The mapping template (VTL).")
    Path template;

    @Option(names = "--body", paramLabel = "TEXT", description = "The request body (default: empty, seen as {}).")
    String body = "";

    @Option(names = "--path", paramLabel = "k=v", description = "A path parameter (repeatable).")
    Map<String, String> path = new LinkedHashMap<>();

    @Option(names = "--query", paramLabel = "k=v", description = "A query string parameter (repeatable).")
    Map<String, String> query = new LinkedHashMap<>();

    @Option(names = "--header", paramLabel = "k=v", description = "A request header (repeatable).")
    Map<String, String> header = new LinkedHashMap<>();

    @Option(names = "--stage-variable", paramLabel = "k=v", description = "A stage variable (repeatable).")
    Map<String, String> stageVariables = new LinkedHashMap<>();

    @Option(names = "--context", paramLabel = "k=v",
            description = "A $context value by dotted key, e.g. stage=prod or identity.sourceIp=1.2.3.4 (repeatable).")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--then", paramLabel = "FILE",
            description = "A response template to render after the first one, with the same $context.")
    Path then;

    @Option(names = "--integration-body", paramLabel = "TEXT",
            description = "The integration response body the --then template sees (default: empty).")
    String integrationBody;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "velocity-1.7", converter = EngineOption.class,
            description = EngineOption.DESCRIPTION)
    VtlEngineKind engine;

    @Option(names = "--expanded",
            description = "Print the template as deployed, its ##@include/##@wrap fragments expanded, instead of "
                    + "rendering it (with --then, that template's too).")
    boolean expanded;

    public RenderCommand() {
    }

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (integrationBody != null && then == null) {
            throw new CommandLine.ParameterException(cmd, "--integration-body requires --then");
        }
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        String requestSource;
        String responseSource = null;
        try {
            requestSource = Files.readString(template, StandardCharsets.UTF_8);
            if (then != null) {
                responseSource = Files.readString(then, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("error: cannot read template: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            requestSource = expand(template, requestSource);
            responseSource = then == null ? null : expand(then, responseSource);
            if (expanded) {
                out.print(requestSource);
                if (responseSource != null) {
                    out.print(responseSource);
                }
                out.flush();
                return 0;
            }
            VtlEngine vtl = new VtlEngine(engine);
            MappingTemplate request = vtl.compile(template.toString(), requestSource);
            MappingTemplate response = then == null ? null : vtl.compile(then.toString(), responseSource);
            MappingContext ctx = defaultContext();
            context.forEach(ctx::put);
            MappingInput input = new MappingInput(body, path, query, header, stageVariables, ctx);
            String result = request.render(input);
            if (response != null) {
                result = response.render(input.withBody(integrationBody == null ? "" : integrationBody));
            }
            out.print(result);
            out.flush();
            ctx.responseOverrideStatus().ifPresent(s -> err.println("status: " + s));
            err.flush();
            return 0;
        } catch (MappingException e) {
            err.println("error: " + e.status() + " " + e.getMessage());
            err.flush();
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The template as deployed: fragments from the nearest directory above it that has them, else the project's. */
    private static String expand(Path file, String source) {
        return TemplateFragments.expand(file.toString(), source, fragment -> {
            for (Path dir = file.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(fragment);
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Files.readString(candidate, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot read fragment " + candidate + ": " + e.getMessage(),
                                e);
                    }
                }
            }
            try {
                return TemplateFiles.readSource(fragment);
            } catch (IllegalStateException e) {
                return null;
            }
        }).text();
    }

    private MappingContext defaultContext() {
        Instant now = Instant.now();
        String stage = context.getOrDefault("stage", "local");
        String method = context.getOrDefault("httpMethod", "POST");
        String resourcePath = context.getOrDefault("resourcePath", "/");
        return MappingContext.create()
                .put("accountId", "123456789012")
                .put("apiId", "local")
                .put("domainName", "localhost")
                .put("domainPrefix", "localhost")
                .put("extendedRequestId", "LocalExtReqId=")
                .put("httpMethod", method)
                .put("path", "/" + stage + ("/".equals(resourcePath) ? "/" : resourcePath))
                .put("protocol", "HTTP/1.1")
                .put("requestId", DEFAULT_REQUEST_ID)
                .put("requestTime", REQUEST_TIME.format(now))
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("resourceId", "local")
                .put("resourcePath", resourcePath)
                .put("stage", stage)
                .put("identity.sourceIp", "127.0.0.1")
                .put("identity.userAgent", "atomic-counters-render");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RenderCommand()).execute(args));
    }
}
