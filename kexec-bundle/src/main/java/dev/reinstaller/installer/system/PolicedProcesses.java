package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
        police(argv);
        return delegate.run(argv, stdin, timeout);
    }

    @Override
    public int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        police(argv);
        return delegate.stream(argv, environment, timeout, lines);
    }

    private static void police(List<String> argv) {
        switch (CommandPolicy.classify(argv)) {
            case READS -> {}
            case WRITES ->
                throw InstallerException.refused(
                        "refused to run " + String.join(" ", argv) + " as an ordinary command: it writes to a disk,"
                                + " so it must go through the disk writer after confirmation");
            case ACTIVATES ->
                throw InstallerException.refused("refused to run " + String.join(" ", argv)
                        + ": the installer never imports or activates what is on a disk");
        }
    }
}
