package dev.reinstaller.installer.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The installer's phases in the order they run. {@link #PARTITION} and everything after it are
 * destructive: they run only after {@link #CONFIRM} passed in the same run.
 */
public enum Phase {
    PARAMS,
    NETWORK,
    READY,
    CONFIRM,
    PARTITION,
    ZFS,
    KEYS,
    FLAKE,
    INSTALL,
    FINALIZE,
    REBOOT;

    /** The lowercase name used on the command line and in events. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the phases behind the point of no return. */
    public boolean destructive() {
        return compareTo(PARTITION) >= 0;
    }

    public static Optional<Phase> fromWire(String text) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
    }
}
