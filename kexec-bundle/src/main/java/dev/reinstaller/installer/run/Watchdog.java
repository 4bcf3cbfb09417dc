package dev.reinstaller.installer.run;

/**
 * The installer's side of the watchdog. Before the point of no return, any failure reboots the
 * machine so that firmware boots the untouched old system; once confirm passed, the independent
 * watchdog the ramdisk armed must be told to stand down, because the disk is about to change and a
 * reboot would leave it half written.
 */
public interface Watchdog {

    /** Confirm passed: disarm the ramdisk's own deadline. */
    void pointOfNoReturn();

    /**
     * Shows {@code reason} for a grace period, then reboots. Nothing was written, so the old system
     * comes back. The real implementation does not return.
     */
    void rebootToOldSystem(String reason);
}
