package dev.reinstaller.agent.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print the result as JSON on stdout (stable field names).")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces and the commands that run.")
    boolean verbose;

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }
}
