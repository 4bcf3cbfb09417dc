package dev.reinstaller.cloud.ssh;

/** An SSH operation failed. The message names the target and what was attempted. */
public final class SshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final String presentedKey;

    public SshException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** @param presentedKey for {@link Kind#HOST_KEY}: the key the server showed (a public key line) */
    public SshException(Kind kind, String message, Throwable cause, String presentedKey) {
        super(message, cause);
        this.kind = kind;
        this.presentedKey = presentedKey;
    }

    /** The host key the server presented, when the failure is about it. */
    public java.util.Optional<String> presentedKey() {
        return java.util.Optional.ofNullable(presentedKey);
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
