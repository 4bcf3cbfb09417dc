package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.Wipe;
import picocli.CommandLine.Option;

/** {@code --wipe zero|none}: what the installer does to the old data before it partitions. */
final class WipeOptions {
    @Option(
            names = "--wipe",
            paramLabel = "zero|none",
            description = "zero (default): the installer zeroes the whole disk before partitioning, so nothing of the"
                    + " old system stays readable. none: only signatures and the partition table are cleared.")
    String wipe;

    Wipe wipe() {
        if (wipe == null) {
            return Wipe.ZERO;
        }
        return Wipe.fromParameter(wipe)
                .orElseThrow(() -> new ExitException(ExitCode.USAGE, "--wipe takes zero or none"));
    }
}
