package dev.reinstaller.installer.run;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.After;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The real {@link Rebooter}: {@code systemctl reboot --force --force} (or {@code poweroff}: immediate,
 * no unit shutdown; the watchdog uses it before the point of no return, when nothing on the disk
 * changed, and the last phase after the pool is exported), and where that does not take, the
 * kernel's {@code /proc/sysrq-trigger} ({@code b} or {@code o}).
 */
public record SystemRebooter(Processes processes, InstallerPaths paths) implements Rebooter {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void reboot(After after) {
        boolean off = after == After.POWEROFF;
        String why;
        try {
            Processes.ProcessResult result =
                    processes.run(List.of("systemctl", off ? "poweroff" : "reboot", "--force", "--force"), TIMEOUT);
            why = "systemctl exited with " + result.exitCode() + ": "
                    + result.stderr().strip();
        } catch (InstallerException | Processes.ProcessException e) {
            why = e.getMessage();
        }
        try {
            Files.writeString(paths.proc().resolve("sysrq-trigger"), off ? "o" : "b", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw InstallerException.permanent("cannot " + (off ? "power off" : "reboot") + ": " + why
                    + "; writing /proc/sysrq-trigger failed: " + e.getMessage());
        }
    }
}
