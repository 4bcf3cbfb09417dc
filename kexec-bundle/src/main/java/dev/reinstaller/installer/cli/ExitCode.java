package dev.reinstaller.installer.cli;

/** Exit codes of {@code reinstaller-installer}, as {@code --help} lists them. */
public enum ExitCode {
    /** Every selected phase passed. */
    OK(0),
    /** A phase failed past the point of no return (after the operator released the hold). */
    FAILED(1),
    /** The command line was wrong. */
    USAGE(2),
    /** Refused before anything happened, or the watchdog path was taken (tests; really a reboot). */
    REFUSED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
