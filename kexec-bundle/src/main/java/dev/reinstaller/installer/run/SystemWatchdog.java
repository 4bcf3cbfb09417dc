package dev.reinstaller.installer.run;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.After;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The installer's half of the watchdog; the other half is armed by the ramdisk and does not depend on
 * the JVM: the unit is {@code Type=notify} with a start deadline and {@code FailureAction=reboot}
 * (that unit is the Nix side's job). Passing the point of no return sends {@code READY=1} through
 * {@code systemd-notify}, which ends the start deadline; a failure before it shows the reason for
 * {@code grace} and reboots. Without systemd ({@code systemd} false: tests, a shell in the ramdisk)
 * the point of no return is only logged.
 */
public record SystemWatchdog(
        InstallerPaths paths,
        Events events,
        Clock clock,
        Processes processes,
        Rebooter rebooter,
        Duration grace,
        boolean systemd)
        implements Watchdog {
    /**
     * Written when the point of no return is passed. The ramdisk's own deadline and fallback units (which
     * do not depend on the JVM) stand down when it exists: a reboot now would leave a half-written disk.
     */
    public static final String PAST_POINT_OF_NO_RETURN = "/run/reinstaller/past-point-of-no-return";

    @Override
    public void pointOfNoReturn() {
        Path marker = paths.resolve(PAST_POINT_OF_NO_RETURN);
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "confirmed\n");
        } catch (IOException e) {
            throw InstallerException.permanent(
                    "cannot stand the ramdisk's deadline down: writing " + marker + " failed: " + e.getMessage());
        }
        if (!systemd) {
            events.log(Phase.CONFIRM, "point of no return passed (no systemd watchdog to disarm)");
            return;
        }
        Processes.ProcessResult result = processes.run(
                List.of("systemd-notify", "--ready", "--status=point of no return passed"), Duration.ofSeconds(10));
        if (!result.ok()) {
            throw InstallerException.permanent("cannot disarm the ramdisk's start deadline: systemd-notify exited with "
                    + result.exitCode() + ": " + result.stderr().strip());
        }
    }

    @Override
    public void rebootToOldSystem(String reason) {
        events.emit(new Event.Rebooting(reason, grace.toSeconds(), true));
        clock.sleep(grace);
        rebooter.reboot(After.REBOOT);
    }
}
