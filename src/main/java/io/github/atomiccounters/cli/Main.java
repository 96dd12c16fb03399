package io.github.atomiccounters.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: serve, render, openapi, bench, verify. */
@Command(name = "atomic-counters", mixinStandardHelpOptions = true, version = "atomic-counters 0.1.0",
        description = "Atomic counters over HTTP: API Gateway -> DynamoDB through VTL, served locally.",
        subcommands = {ServeCommand.class, RenderCommand.class, OpenApiCommand.class,
                io.github.atomiccounters.bench.BenchCommand.class, VerifyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);  // DynamoDB Local's threads are not daemons: exit explicitly
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
