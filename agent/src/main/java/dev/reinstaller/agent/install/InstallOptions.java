package dev.reinstaller.agent.install;

import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.InstallSources;
import dev.reinstaller.protocol.Wipe;
import java.time.Duration;
import java.util.Optional;

/**
 * How to install.
 *
 * @param deadline the installer watchdog's deadline ({@code reinstaller.deadline}), when not the default
 * @param forceCpio put runtime info into the appended cpio even when it fits on the command line
 * @param passConfirmation put the confirmed token on the command line ({@code reinstaller.confirm}),
 *     so the installer passes the point of no return unattended; otherwise it waits for a confirmation
 *     over its API or on the console
 * @param reboot reboot into the loaded image; false only loads it (and the outcome is {@code Loaded})
 * @param extraFlake the operator's flake, imported by the host flake ({@link BootParameters#CPIO_EXTRA_FLAKE})
 * @param closure a prebuilt system closure to install instead of building ({@link BootParameters#CPIO_CLOSURE});
 *     the operator copies it into the new pool's store when the installer waits for it
 * @param wipe what the installer does to the old data before partitioning ({@code reinstaller.wipe})
 * @param after what the installer does once the pool is exported ({@code reinstaller.after})
 */
public record InstallOptions(
        Optional<Duration> deadline,
        boolean forceCpio,
        boolean passConfirmation,
        boolean reboot,
        Optional<String> extraFlake,
        Optional<String> closure,
        Wipe wipe,
        After after) {
    public InstallOptions {
        if (deadline == null || extraFlake == null || closure == null || wipe == null || after == null) {
            throw new IllegalArgumentException("deadline, extra flake, closure, wipe and after must be given or empty");
        }
        extraFlake.ifPresent(InstallSources::extraFlake);
        closure.ifPresent(InstallSources::closure);
        deadline.ifPresent(d -> {
            if (d.compareTo(BootParameters.MIN_DEADLINE) < 0 || d.compareTo(BootParameters.MAX_DEADLINE) > 0) {
                throw new IllegalArgumentException("the deadline of " + d.toSeconds() + " s is outside "
                        + BootParameters.MIN_DEADLINE.toSeconds() + " s to "
                        + BootParameters.MAX_DEADLINE.toSeconds() + " s");
            }
        });
    }

    /** The default wipe and end: the installer zeroes the disk and reboots into the new system. */
    public InstallOptions(
            Optional<Duration> deadline,
            boolean forceCpio,
            boolean passConfirmation,
            boolean reboot,
            Optional<String> extraFlake,
            Optional<String> closure) {
        this(deadline, forceCpio, passConfirmation, reboot, extraFlake, closure, Wipe.ZERO, After.REBOOT);
    }

    /** No operator flake and no closure: the installer builds the host flake. */
    public InstallOptions(Optional<Duration> deadline, boolean forceCpio, boolean passConfirmation, boolean reboot) {
        this(deadline, forceCpio, passConfirmation, reboot, Optional.empty(), Optional.empty());
    }

    /** Default deadline, runtime info inline when it fits, unattended, reboot. */
    public static InstallOptions defaults() {
        return new InstallOptions(Optional.empty(), false, true, true);
    }
}
