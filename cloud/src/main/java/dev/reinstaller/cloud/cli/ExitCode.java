package dev.reinstaller.cloud.cli;

/** Exit codes of {@code reinstaller}; the same scheme as {@code reinstaller-agent}. */
public enum ExitCode {
    /** Done (every server). */
    OK(0),
    /** Something failed that is not the caller's input. */
    FAILED(1),
    /** The command line was wrong. */
    USAGE(2),
    /** A check refused: preflight, a host key, a confirmation. */
    REFUSED(3),
    /** The Hetzner API, an SSH peer or the installer answered wrongly or not at all. */
    REMOTE(4),
    /** A wait ran out of time. */
    TIMEOUT(5),
    /** Input was bad: a key file, an agent's output. */
    BAD_INPUT(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
