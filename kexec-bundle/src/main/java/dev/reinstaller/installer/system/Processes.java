package dev.reinstaller.installer.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs external commands that neither write to a disk nor import or activate anything on one (those
 * go through {@link DiskWriter}, or never run: see {@link CommandPolicy}). Every run has a deadline.
 * Secrets never travel in {@code argv}; where a command needs one it reads a root-only file.
 */
public interface Processes {

    /**
     * Runs {@code argv} with {@code stdin} (may be empty) and waits at most {@code timeout}.
     *
     * @throws InstallerException when the command cannot start or does not finish in time
     */
    ProcessResult run(List<String> argv, byte[] stdin, Duration timeout);

    default ProcessResult run(List<String> argv, Duration timeout) {
        return run(argv, new byte[0], timeout);
    }

    /**
     * Runs a long command ({@code nixos-install}) with {@code environment} added to the inherited one
     * and no stdin, handing each line of its output (stdout and stderr merged, in order) to
     * {@code lines} while it runs. A command still running at {@code timeout} is killed with its
     * children.
     *
     * @return the exit code
     * @throws InstallerException when the command cannot start or does not finish in time
     */
    int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines);

    /** Output of a finished command. */
    record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr) {
        public ProcessResult {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** This result, or a permanent error naming the command, its exit code and its stderr. */
        public ProcessResult orThrow() {
            if (exitCode != 0) {
                throw InstallerException.permanent(
                        String.join(" ", argv) + " exited with " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }
}
