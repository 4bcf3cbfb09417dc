package dev.reinstaller.installer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code reinstaller-installer}. Its commands arrive with their own issue. */
@Command(
        name = "reinstaller-installer",
        mixinStandardHelpOptions = true,
        version = "reinstaller-installer 0.1.0",
        description = "Not yet implemented beyond --help and --version.")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
