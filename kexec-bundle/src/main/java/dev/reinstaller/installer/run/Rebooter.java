package dev.reinstaller.installer.run;

import dev.reinstaller.protocol.After;

/**
 * Ends the ramdisk's run now: reboots the machine, or powers it off where the install asked for it
 * ({@code reinstaller.after=poweroff}). The real implementation does not return.
 */
@FunctionalInterface
public interface Rebooter {
    void reboot(After after);
}
