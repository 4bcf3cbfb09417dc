package dev.reinstaller.protocol;

/**
 * The exit codes of {@code reinstaller-agent}, {@code reinstaller-installer} and {@code reinstaller}, one
 * scheme for the three: the operator CLI reads the agent's exit code over SSH (a refused preflight is
 * {@link #REFUSED}), and each tool's {@code --help} lists the codes it uses. The installer uses the
 * first four only.
 */
public enum ExitCode {
    /** Done: every server, every selected phase. */
    OK(0, "ok"),
    /**
     * Something failed that is not the caller's input (a command, the kernel, I/O); for the installer, a
     * phase failed past the point of no return.
     */
    FAILED(1, "failed"),
    /** The command line itself was wrong (unknown option, missing argument). */
    USAGE(2, "usage (bad options)"),
    /**
     * A check refused: preflight, a host key, the confirmation token, an unsuitable host; for the
     * installer, refused before anything happened or the watchdog path was taken.
     */
    REFUSED(3, "refused by a check"),
    /** A remote answered wrongly or not at all: the metadata service, the Hetzner API, an SSH peer. */
    REMOTE(4, "remote failed"),
    /** A wait ran out of time. */
    TIMEOUT(5, "timeout"),
    /** Input was bad: a corrupted kernel command line, runtime info or manifest, a key file, an agent's output. */
    BAD_INPUT(6, "bad input");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What the code means, in a few words, as each tool's {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }
}
