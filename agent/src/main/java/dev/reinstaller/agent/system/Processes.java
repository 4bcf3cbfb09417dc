package dev.reinstaller.agent.system;

import java.time.Duration;
import java.util.List;

/** Runs external commands. Every run has a deadline; tests inject a recording fake. */
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

    /** Output of a finished command. */
    record ProcessResult(List<String> argv, int exitCode, String stdout, String stderr) {
        public ProcessResult {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** The output, or an exception naming the command and its stderr. */
        public String stdoutOrThrow() {
            if (exitCode != 0) {
                throw new ProcessException(String.join(" ", argv) + " exited with " + exitCode + ": " + stderr.strip());
            }
            return stdout;
        }
    }

    /** A command could not be run, or did not finish in time. */
    final class ProcessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ProcessException(String message) {
            super(message);
        }

        public ProcessException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
