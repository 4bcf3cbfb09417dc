package dev.reinstaller.cloud.reinstall;

/** The steps of one server's reinstall, in order; a failure names the one it stopped in. */
public enum Stage {
    CONNECT,
    UPLOAD,
    PREFLIGHT,
    PLAN,
    INSTALL,
    RAMDISK,
    FOLLOW,
    /** Copying the operator's closure while the installer waits for it. */
    CLOSURE,
    /** Waiting for the installed system's initrd on 2222 and sending it the pool passphrase. */
    UNLOCK,
    /** Waiting for the installed system on 22 and checking it against runtime info. */
    VERIFY;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
