package dev.reinstaller.cloud.ssh;

/** How a remote command ended. */
public sealed interface ExecResult {
    String stdout();

    String stderr();

    /** The command exited with {@code code}. */
    record Exited(int code, String stdout, String stderr) implements ExecResult {}

    /**
     * The connection dropped before an exit status arrived: what a kexec does to the session that
     * started it. Whatever output arrived before is kept.
     */
    record Disconnected(String stdout, String stderr) implements ExecResult {}
}
