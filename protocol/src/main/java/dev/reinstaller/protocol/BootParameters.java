package dev.reinstaller.protocol;

import java.time.Duration;
import java.util.Optional;

/**
 * What the installer reads from the kernel command line.
 *
 * @param source where runtime info comes from
 * @param confirm the unattended confirmation token, if given
 * @param deadline the watchdog's deadline for reaching the point of no return
 * @param wipe what happens to the old disk's contents before partitioning
 * @param after what happens once the install is done: reboot or power off
 */
public record BootParameters(InfoSource source, Optional<String> confirm, Duration deadline, Wipe wipe, After after) {
    public static final String VERSION = "reinstaller.v";
    public static final String INFO = "reinstaller.info";
    public static final String CRC = "reinstaller.crc";
    public static final String SOURCE = "reinstaller.source";
    public static final String METADATA = "reinstaller.metadata";
    public static final String CONFIRM = "reinstaller.confirm";
    public static final String DEADLINE = "reinstaller.deadline";
    public static final String WIPE = "reinstaller.wipe";
    public static final String AFTER = "reinstaller.after";
    public static final String LEGACY_INFO = "runtime_info";
    public static final String LEGACY_KEY = "disk_key";

    /** {@code reinstaller.info=cpio}: runtime info is in the appended cpio. */
    public static final String INFO_IN_CPIO = "cpio";

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(900);
    public static final Duration MIN_DEADLINE = Duration.ofSeconds(10);
    public static final Duration MAX_DEADLINE = Duration.ofDays(1);

    /** Names of files inside the appended cpio, at the archive root. */
    public static final String CPIO_DIR = "reinstaller";

    public static final String CPIO_INFO = CPIO_DIR + "/runtime-info.json";
    public static final String CPIO_DISK_KEY = CPIO_DIR + "/disk-key";
    public static final String CPIO_HOST_KEY = CPIO_DIR + "/ssh_host_ed25519_key";

    /** The operator's flake URL ({@link InstallSources#extraFlake}), one line; not a secret. */
    public static final String CPIO_EXTRA_FLAKE = CPIO_DIR + "/extra-flake";

    /** The store path of a prebuilt system closure ({@link InstallSources#closure}), one line; not a secret. */
    public static final String CPIO_CLOSURE = CPIO_DIR + "/closure";

    /** The name of a cpio member inside {@link #CPIO_DIR}: {@code reinstaller/closure} gives {@code closure}. */
    public static String fileName(String cpioPath) {
        if (!cpioPath.startsWith(CPIO_DIR + "/")) {
            throw new IllegalArgumentException(cpioPath + " is not under " + CPIO_DIR + "/");
        }
        return cpioPath.substring(CPIO_DIR.length() + 1);
    }

    public BootParameters {
        Check.present("source", source);
        Check.present("confirm", confirm);
        Check.present("deadline", deadline);
        Check.present("wipe", wipe);
        Check.present("after", after);
    }

    /** Parameters with the default wipe ({@link Wipe#ZERO}) and a reboot at the end. */
    public BootParameters(InfoSource source, Optional<String> confirm, Duration deadline) {
        this(source, confirm, deadline, Wipe.ZERO, After.REBOOT);
    }
}
