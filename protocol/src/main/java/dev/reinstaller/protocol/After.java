package dev.reinstaller.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the installer does once the pool is exported ({@code reinstaller.after}): boot the new system
 * (the default), or power the machine off, for an operator who snapshots it or moves its disk before
 * the first boot. A powered-off host is installed but not yet seen booting.
 */
public enum After {
    REBOOT,
    POWEROFF;

    /** The value of {@code reinstaller.after=}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<After> fromParameter(String value) {
        return Arrays.stream(values()).filter(a -> a.parameter().equals(value)).findFirst();
    }
}
