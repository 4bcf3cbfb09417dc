package dev.reinstaller.cloud.ssh;

/** An SSH operation failed. The message names the target and what was attempted. */
public final class SshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public SshException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong. */
    public enum Kind {
        /** No TCP connection or no SSH handshake (worth retrying while a host boots). */
        UNREACHABLE,
        /** No identity was accepted. */
        AUTH,
        /** The host key is unknown or differs from the pinned one: refused, never retried. */
        HOST_KEY,
        /** The connection dropped. */
        DISCONNECTED,
        /** A deadline passed. */
        TIMEOUT,
        /** Anything else (SFTP, a local file). */
        IO
    }
}
