package dev.reinstaller.installer.run;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * The real {@link Rebooter}, used only before the point of no return, when nothing on the disk
 * changed: {@code systemctl reboot --force --force} (immediate, no unit shutdown, like the watchdog
 * itself would do), and where that does not take, the kernel's {@code /proc/sysrq-trigger}.
 */
public record SystemRebooter(Processes processes, InstallerPaths paths) implements Rebooter {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void reboot() {
        String why;
        try {
            Processes.ProcessResult result =
                    processes.run(List.of("systemctl", "reboot", "--force", "--force"), TIMEOUT);
            why = "systemctl exited with " + result.exitCode() + ": "
                    + result.stderr().strip();
        } catch (InstallerException | Processes.ProcessException e) {
            why = e.getMessage();
        }
        try {
            Files.writeString(paths.proc().resolve("sysrq-trigger"), "b", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw InstallerException.permanent(
                    "cannot reboot: " + why + "; writing /proc/sysrq-trigger failed: " + e.getMessage());
        }
    }
}
