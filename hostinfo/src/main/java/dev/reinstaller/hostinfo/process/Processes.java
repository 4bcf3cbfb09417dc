package dev.reinstaller.hostinfo.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs external commands on the host the agent or the installer runs on. Every run has a deadline;
 * tests inject {@code FakeProcesses} (this module's test jar). Secrets never travel in {@code argv};
 * where a command needs one it reads it from stdin or a root-only file.
 */
public interface Processes {

    /**
     * Runs {@code argv} with {@code stdin} (may be empty) and waits at most {@code timeout}.
     *
     * @throws ProcessException when the command cannot start or does not finish in time
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
     * @throws ProcessException when the command cannot start or does not finish in time
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

        /** This result, or a permanent {@link ProcessException} naming the command, its exit code and stderr. */
        public ProcessResult orThrow() {
            if (exitCode != 0) {
                throw new ProcessException(
                        false, String.join(" ", argv) + " exited with " + exitCode + ": " + stderr.strip(), null);
            }
            return this;
        }

        /** The output, or what {@link #orThrow} throws. */
        public String stdoutOrThrow() {
            return orThrow().stdout;
        }
    }

    /**
     * A command could not be run, did not finish in time, or (from {@link ProcessResult#orThrow}) exited
     * with an error. {@link #transientFailure} says whether trying again can help: a deadline or an
     * interrupt can go away, a missing program or an exit code will not.
     */
    final class ProcessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean transientFailure;

        /**
         * @param cause what went wrong underneath, or null
         */
        public ProcessException(boolean transientFailure, String message, Throwable cause) {
            super(message, cause);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
