package dev.reinstaller.installer.cli;

import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import dev.reinstaller.installer.run.Rebooter;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.After;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * With {@code --root} other than {@code /} the installer reads a test tree, but the commands it would
 * run still name the machine's own devices ({@code sgdisk /dev/sda}) and its own reboot. So such a run
 * gets a disk writer that refuses everything and a rebooter that only says what it would do: pointing
 * the installer at a fixture can never wipe or reboot the machine it runs on.
 */
final class TestTreeGuard {
    private TestTreeGuard() {}

    static boolean isRealRoot(InstallerPaths paths) {
        return paths.root().equals(Path.of("/"));
    }

    static DiskWriter refusingDiskWriter(InstallerPaths paths) {
        return new DiskWriter() {
            @Override
            public ProcessResult run(List<String> argv, Duration timeout) {
                throw refusal(paths, String.join(" ", argv));
            }

            @Override
            public int stream(
                    List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
                throw refusal(paths, String.join(" ", argv));
            }

            @Override
            public void write(String devicePath, long offset, byte[] bytes) {
                throw refusal(paths, "writing to " + devicePath);
            }

            @Override
            public void writeFile(String path, byte[] content, boolean privateFile) {
                throw refusal(paths, "writing " + path);
            }
        };
    }

    static Rebooter dryRebooter(InstallerPaths paths, PrintWriter console) {
        return after -> {
            String what = after == After.POWEROFF ? "power off" : "reboot";
            console.println("reinstaller-installer: would " + what + " now; not doing it because --root is "
                    + paths.root() + ", not /");
            console.flush();
        };
    }

    private static InstallerException refusal(InstallerPaths paths, String what) {
        return InstallerException.refused("refused " + what + ": --root is " + paths.root()
                + ", a test tree, and disk commands would reach this machine's own disks");
    }
}
