package dev.reinstaller.cloud.reinstall;

import java.time.Duration;

/**
 * How long each wait of a reinstall may take.
 *
 * @param connect one SSH connection (TCP, handshake, authentication)
 * @param step one agent command or upload
 * @param ramdisk from the kexec until the ramdisk answers SSH with its pinned key
 * @param install from the ramdisk's first answer until the installer reports the end
 * @param boot from the installer's reboot until the new initrd took the passphrase, and again from then
 *     until the installed system answers SSH
 */
public record Deadlines(Duration connect, Duration step, Duration ramdisk, Duration install, Duration boot) {
    public static final Deadlines DEFAULT = new Deadlines(
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(60),
            Duration.ofMinutes(10));

    public Deadlines {
        for (Duration d : new Duration[] {connect, step, ramdisk, install, boot}) {
            if (d == null || !d.isPositive()) {
                throw new IllegalArgumentException("every deadline must be positive");
            }
        }
    }
}
