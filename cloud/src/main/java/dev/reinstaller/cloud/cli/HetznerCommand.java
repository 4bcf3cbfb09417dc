package dev.reinstaller.cloud.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reinstaller hetzner}: commands that find servers through the Hetzner Cloud API. */
@Command(
        name = "hetzner",
        mixinStandardHelpOptions = true,
        description = "Hetzner Cloud servers (HCLOUD_TOKEN, HCLOUD_ENDPOINT as for the hcloud CLI).")
final class HetznerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
