package dev.reinstaller.agent.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a manual boot ({@code cmdline}, {@code grub}): where its runtime info comes from. */
final class ManualBootOptions {
    @Mixin
    BootOptions boot = new BootOptions();

    @Option(
            names = "--source-metadata",
            description = "Let the installer discover runtime info from the metadata service (no info on the line).")
    boolean sourceMetadata;

    /** The line for the bundle's own parameters {@code base}, with the info from {@code info}. */
    ManualBoot.Line line(AgentContext context, InfoOptions info, String base) {
        return sourceMetadata
                ? ManualBoot.metadata(base, info.metadataUrl, boot)
                : ManualBoot.inline(info.resolve(context), base, boot);
    }
}
