package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.RuntimeInfo;
import picocli.CommandLine.Option;

/**
 * What binds the confirmation token on a machine that reports no DMI serial or UUID (common outside
 * clouds): only the target disk, which another machine with the same disk model and size could
 * match. {@code plan} and {@code install} refuse such a machine unless the operator says they accept it.
 */
final class DiskOnlyOption {
    @Option(
            names = "--disk-only-confirmation",
            description = "On a machine without a DMI serial or UUID, accept a confirmation token bound to the"
                    + " target disk alone (without it, such a machine is refused).")
    boolean accepted;

    /** @throws ExitException {@link ExitCode#REFUSED} for a machine without identity, unless accepted */
    RuntimeInfo require(RuntimeInfo info) {
        if (!info.machine().hasIdentity() && !accepted) {
            throw new ExitException(
                    ExitCode.REFUSED,
                    "this machine reports no DMI serial or UUID, so the confirmation token would bind only the"
                            + " disk " + info.targetDisk().devicePath() + " (a machine with the same disk would"
                            + " accept it); pass --disk-only-confirmation to accept that");
        }
        return info;
    }
}
