package dev.reinstaller.cloud.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reinstaller ssh}: commands for any host reachable over SSH, with no cloud API. */
@Command(
        name = "ssh",
        mixinStandardHelpOptions = true,
        description = "Any host reachable over SSH as root: other clouds, dedicated servers, a VM at home.")
final class SshHostsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
