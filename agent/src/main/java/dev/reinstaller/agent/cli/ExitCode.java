package dev.reinstaller.agent.cli;

/** Exit codes of {@code reinstaller-agent}; documented in the README and in {@code --help}. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** Something failed that is not the caller's input (a command, the kernel, I/O). */
    FAILED(1),
    /** The command line itself was wrong (unknown option, missing argument). */
    USAGE(2),
    /** A check refused: preflight failed, the confirmation token does not match, the host is unsuitable. */
    REFUSED(3),
    /** The metadata service or another remote answered wrongly. */
    REMOTE(4),
    /** A wait ran out of time. */
    TIMEOUT(5),
    /** Input data was bad: a corrupted kernel command line, runtime info or manifest, a bad key. */
    BAD_INPUT(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
