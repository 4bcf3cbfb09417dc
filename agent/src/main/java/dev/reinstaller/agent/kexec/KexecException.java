package dev.reinstaller.agent.kexec;

/**
 * A kexec step failed. The message says what was attempted against what and what the errno means;
 * {@link #kind()} tells callers whether a fallback may help, whether a container is the likely cause,
 * or whether the image itself was refused.
 */
public final class KexecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Classification of a failure. */
    public enum Kind {
        /** The mechanism is missing: no such syscall, or the foreign-function API is unusable. */
        UNAVAILABLE,
        /** EPERM: not root, no CAP_SYS_BOOT, a container, kexec disabled, or lockdown. */
        NOT_PERMITTED,
        /** The kernel refused the image: wrong format, bad signature, bad arguments. */
        REJECTED,
        /** ENOMEM. */
        NO_MEMORY,
        /** Anything else: I/O, a timeout, an unknown errno. */
        FAILED
    }

    private final Kind kind;
    private final int errno;

    public KexecException(Kind kind, int errno, String message) {
        super(message);
        this.kind = kind;
        this.errno = errno;
    }

    public KexecException(Kind kind, int errno, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errno = errno;
    }

    /** A failed load, with the errno explained. */
    static KexecException load(String attempted, int errno, int commandLineBytes) {
        return new KexecException(
                Errno.kind(errno), errno, attempted + ": " + Errno.explainLoad(errno, commandLineBytes));
    }

    public Kind kind() {
        return kind;
    }

    /** The errno behind the failure, or 0 when there was none. */
    public int errno() {
        return errno;
    }
}
