package dev.reinstaller.cloud.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a program on the operator's machine ({@code nix copy}). The environment is the CLI's own plus
 * {@code environment}; standard input is empty; standard output and error arrive line by line.
 */
@FunctionalInterface
public interface LocalProcesses {

    /**
     * @param argv the program and its arguments, run without a shell
     * @param environment variables added to (or replacing in) the inherited environment
     * @param deadline the process is killed when it runs longer
     * @param lines receives every output line (stdout and stderr merged), from another thread
     * @return how it ended
     */
    Ended run(List<String> argv, Map<String, String> environment, Duration deadline, Consumer<String> lines);

    /** How a process ended. */
    sealed interface Ended {
        /** It exited with {@code code}; {@code tail} holds its last output lines. */
        record Exited(int code, List<String> tail) implements Ended {
            public Exited {
                tail = List.copyOf(tail);
            }
        }

        /** It could not start ({@code reason}: not installed, not executable). */
        record NotStarted(String reason) implements Ended {}

        /** It ran past its deadline and was killed. */
        record TimedOut(List<String> tail) implements Ended {
            public TimedOut {
                tail = List.copyOf(tail);
            }
        }
    }
}
