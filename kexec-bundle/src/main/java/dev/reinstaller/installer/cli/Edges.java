package dev.reinstaller.installer.cli;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.SystemProcesses;
import dev.reinstaller.installer.confirm.Console;
import dev.reinstaller.installer.confirm.ConsolePrompt;
import dev.reinstaller.installer.confirm.StreamConsole;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.inbox.ConfirmationSource;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.inbox.KeySource;
import dev.reinstaller.installer.network.Reachability;
import dev.reinstaller.installer.params.HttpMetadataSource;
import dev.reinstaller.installer.params.MetadataSource;
import dev.reinstaller.installer.run.Rebooter;
import dev.reinstaller.installer.run.StayUp;
import dev.reinstaller.installer.run.SystemRebooter;
import dev.reinstaller.installer.run.SystemWatchdog;
import dev.reinstaller.installer.run.Watchdog;
import dev.reinstaller.installer.status.StatusServer;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.PolicedProcesses;
import dev.reinstaller.installer.system.SystemDiskWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The outside world of one run. {@link Installer} wraps {@code processes} in the command policy and
 * {@code diskWriter} in the confirmation gate, so neither is handed to a phase bare.
 *
 * @param processes runs commands (unpoliced; the disk writer's commands go through it too)
 * @param diskWriter the only way to a disk
 * @param watchdog builds the watchdog for the run's event sink
 * @param stayUp holds the process after a failure past the point of no return
 * @param metadata the provider's metadata service, for {@code reinstaller.source=metadata}
 * @param keys a disk key sent after boot ({@code POST /disk-key})
 * @param confirmations a confirmation sent after boot ({@code POST /confirm})
 * @param statusApi starts the status API for the run's event log
 * @param rebooter reboots the machine (the watchdog's and the reboot phase's)
 * @param reachability name resolution and the binary cache, for the network phase
 */
public record Edges(
        Clock clock,
        Processes processes,
        DiskWriter diskWriter,
        Function<Events, Watchdog> watchdog,
        StayUp stayUp,
        MetadataSource.Factory metadata,
        KeySource keys,
        ConfirmationSource confirmations,
        Function<EventLog, StatusApi> statusApi,
        Rebooter rebooter,
        Reachability reachability) {

    /** Where the operator at the machine's screen types the key and the confirmation. */
    static final String CONSOLE_DEVICE = "/dev/console";

    /** The running status API, if any, and where it listens. */
    public record StatusApi(Optional<InetSocketAddress> address, Service service) {}

    /**
     * The real machine: commands, device nodes, systemd, reboot, the key and token prompt on
     * {@code /dev/console} (besides the status API); with a {@code --root} other than {@code /}, disk
     * writes are refused, the reboot is only announced ({@link TestTreeGuard}) and nothing is read from
     * the console.
     */
    static Edges system(InstallerPaths paths, RunCommand.Options options, PrintWriter console) {
        Clock clock = Clock.system();
        Processes processes = new SystemProcesses();
        Processes policed = new PolicedProcesses(processes);
        boolean systemd = System.getenv("NOTIFY_SOCKET") != null;
        boolean real = TestTreeGuard.isRealRoot(paths);
        Inbox inbox = new Inbox(clock);
        ConsolePrompt prompt = new ConsolePrompt(
                real
                        ? new StreamConsole(() -> openConsole(paths), console, Optional.of(CONSOLE_DEVICE), policed)
                        : Console.none(),
                inbox);
        DiskWriter disk = real ? new SystemDiskWriter(processes, paths) : TestTreeGuard.refusingDiskWriter(paths);
        Rebooter rebooter = real ? new SystemRebooter(policed, paths) : TestTreeGuard.dryRebooter(paths, console);
        return new Edges(
                clock,
                processes,
                disk,
                events -> new SystemWatchdog(paths, events, clock, policed, rebooter, options.grace(), systemd),
                reason -> holdForever(console, reason),
                HttpMetadataSource.factory(Duration.ofSeconds(5)),
                prompt.keys(),
                prompt.confirmations(),
                log -> {
                    StatusServer server = StatusServer.start(options.statusPort(), log, inbox);
                    return new StatusApi(Optional.of(server.address()), server::close);
                },
                rebooter,
                Reachability.system(options.binaryCache()));
    }

    private static InputStream openConsole(InstallerPaths paths) {
        try {
            return Files.newInputStream(paths.resolve(CONSOLE_DEVICE));
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }

    private static void holdForever(PrintWriter console, String reason) {
        console.println("reinstaller-installer: " + reason
                + "; staying up so the error and the log can be read (stop the service to end)");
        console.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException(InstallerException.Category.TRANSIENT, "hold interrupted", e);
        }
    }
}
