package dev.reinstaller.agent.kexec;

import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reboots into the staged image. Where systemd runs ({@code /run/systemd/system} exists) it asks for
 * {@code systemctl kexec}: services stop and file systems unmount cleanly, then systemd executes the
 * staged kernel. When systemctl fails, or the host is still up after {@code shutdownDeadline}, the
 * image is executed directly. Without systemd: sync, then {@code reboot(LINUX_REBOOT_CMD_KEXEC)}.
 */
public final class KexecReboot {
    static final List<String> SYSTEMCTL_KEXEC = List.of("systemctl", "kexec");

    private final HostPaths paths;
    private final Processes processes;
    private final Kexec kexec;
    private final Duration shutdownDeadline;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    /** Waits; injected so tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper system() {
            return duration -> Thread.sleep(duration);
        }
    }

    /**
     * @param paths where {@code /run/systemd/system} is looked up
     * @param processes runs systemctl
     * @param kexec executes the staged image directly
     * @param shutdownDeadline how long a clean shutdown may take before the image is executed anyway
     * @param sleeper waits for the shutdown
     * @param progress one line per step, for stderr
     */
    public KexecReboot(
            HostPaths paths,
            Processes processes,
            Kexec kexec,
            Duration shutdownDeadline,
            Sleeper sleeper,
            Consumer<String> progress) {
        this.paths = paths;
        this.processes = processes;
        this.kexec = kexec;
        this.shutdownDeadline = shutdownDeadline;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /** Whether systemd is the running init. */
    public boolean systemdRuns() {
        return Files.isDirectory(paths.resolve("/run/systemd/system"));
    }

    /** Never returns when the reboot happens; throws a {@link KexecException} when it cannot. */
    public void reboot() {
        if (systemdRuns() && cleanShutdown()) {
            progress.accept("the host is still up " + shutdownDeadline.toSeconds()
                    + " s after systemctl kexec: executing the staged kernel directly");
        }
        kexec.rebootIntoLoaded();
    }

    /** True when systemd accepted the request (then we wait for it), false when it refused. */
    private boolean cleanShutdown() {
        progress.accept("systemctl kexec: stopping services, then starting the staged kernel");
        try {
            Processes.ProcessResult result = processes.run(SYSTEMCTL_KEXEC, shutdownDeadline);
            if (!result.ok()) {
                progress.accept("systemctl kexec exited with " + result.exitCode() + " ("
                        + result.stderr().strip() + "): executing the staged kernel directly");
                return false;
            }
        } catch (Processes.ProcessException e) {
            progress.accept(e.getMessage() + ": executing the staged kernel directly");
            return false;
        }
        try {
            sleeper.sleep(shutdownDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KexecException(
                    KexecException.Kind.FAILED, 0, "interrupted while waiting for systemctl kexec to take effect", e);
        }
        return true;
    }
}
