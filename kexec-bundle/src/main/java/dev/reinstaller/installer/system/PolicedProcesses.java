package dev.reinstaller.installer.system;

import java.time.Duration;
import java.util.List;

/**
 * The {@link Processes} every phase gets: refuses, before starting anything, a command that writes to a
 * disk (it belongs to {@link DiskWriter}) or that imports or activates on-disk state (never allowed).
 */
public final class PolicedProcesses implements Processes {
    private final Processes delegate;

    public PolicedProcesses(Processes delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        return switch (CommandPolicy.classify(argv)) {
            case READS -> delegate.run(argv, stdin, timeout);
            case WRITES ->
                throw InstallerException.refused(
                        "refused to run " + String.join(" ", argv) + " as an ordinary command: it writes to a disk,"
                                + " so it must go through the disk writer after confirmation");
            case ACTIVATES ->
                throw InstallerException.refused("refused to run " + String.join(" ", argv)
                        + ": the installer never imports or activates what is on a disk");
        };
    }
}
