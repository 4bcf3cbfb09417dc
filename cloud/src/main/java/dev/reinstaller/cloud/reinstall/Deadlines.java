package dev.reinstaller.cloud.reinstall;

import java.time.Duration;

/**
 * How long each wait of a reinstall may take.
 *
 * @param connect one SSH connection (TCP, handshake, authentication)
 * @param step one agent command or upload
 * @param ramdisk from the kexec until the ramdisk answers SSH with its pinned key
 * @param install from the ramdisk's first answer until the installer reports the end
 */
public record Deadlines(Duration connect, Duration step, Duration ramdisk, Duration install) {
    public static final Deadlines DEFAULT =
            new Deadlines(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(60));

    public Deadlines {
        for (Duration d : new Duration[] {connect, step, ramdisk, install}) {
            if (d == null || !d.isPositive()) {
                throw new IllegalArgumentException("every deadline must be positive");
            }
        }
    }
}
