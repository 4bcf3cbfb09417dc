package dev.reinstaller.cloud.reinstall;

/** The steps of one server's reinstall, in order; a failure names the one it stopped in. */
public enum Stage {
    CONNECT,
    UPLOAD,
    PREFLIGHT,
    PLAN,
    INSTALL,
    RAMDISK,
    FOLLOW;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
