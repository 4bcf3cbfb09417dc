package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.flake.HostFlake;
import dev.reinstaller.installer.install.InstallSource;
import dev.reinstaller.installer.network.BinaryCache;
import dev.reinstaller.installer.run.Outcome;
import dev.reinstaller.installer.run.PhaseSelection;
import dev.reinstaller.installer.status.StatusServer;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the installer service. Runs the phases, prints every event as a {@code REINSTALLER}
 * line on stdout (the console), and after a failure past the point of no return holds the process
 * up instead of exiting.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the installer's phases.")
final class RunCommand implements Callable<Integer> {
    /**
     * Parsed options of one run.
     *
     * @param extraFlake the operator's flake whose {@code nixosModules.default} the host imports
     * @param closure a system closure to install instead of building the host flake
     * @param installTimeout how long nixos-install may run
     * @param closureWait how long the install phase waits for the closure to arrive
     * @param binaryCache the binary cache the network phase proves for a build from the flake
     */
    public record Options(
            Set<Phase> phases,
            Path root,
            Duration grace,
            int statusPort,
            Optional<String> extraFlake,
            Optional<String> closure,
            Duration installTimeout,
            Duration closureWait,
            URI binaryCache) {
        static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(180);
        static final Duration CLOSURE_WAIT = Duration.ofMinutes(60);

        /** The defaults for everything past the status port. */
        public Options(Set<Phase> phases, Path root, Duration grace, int statusPort) {
            this(
                    phases,
                    root,
                    grace,
                    statusPort,
                    Optional.empty(),
                    Optional.empty(),
                    INSTALL_TIMEOUT,
                    CLOSURE_WAIT,
                    BinaryCache.NIXOS);
        }
    }

    private final PrintWriter out;
    private final BiFunction<InstallerPaths, Options, Edges> edges;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--phases",
            paramLabel = "LIST",
            description = "Comma-separated phases to run (default: all). Destructive ones need confirm in the"
                    + " list. Phases: params,network,ready,confirm,partition,zfs,keys,flake,install,finalize,reboot")
    String phases;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            defaultValue = "/",
            description = "Root holding proc, sys, dev, run and mnt (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(
            names = "--grace-seconds",
            paramLabel = "N",
            defaultValue = "30",
            description = "How long an error stays on the console before the watchdog reboots (default:"
                    + " ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Option(
            names = "--status-port",
            paramLabel = "PORT",
            defaultValue = "" + StatusServer.DEFAULT_PORT,
            description = "Port of the status API on 127.0.0.1 (0: any free port; default: ${DEFAULT-VALUE}).")
    int statusPort;

    @Option(
            names = "--extra-flake",
            paramLabel = "URL",
            description = "The operator's flake: an input of the host flake whose nixosModules.default is"
                    + " imported (default: the cpio's reinstaller/extra-flake, if any).")
    String extraFlake;

    @Option(
            names = "--closure",
            paramLabel = "STORE-PATH",
            description = "Install this system closure (copied into /mnt/nix/store by the operator) instead"
                    + " of building the host flake (default: the cpio's reinstaller/closure, if any).")
    String closure;

    @Option(
            names = "--install-timeout-minutes",
            paramLabel = "N",
            defaultValue = "180",
            description = "How long nixos-install may run (default: ${DEFAULT-VALUE}).")
    long installTimeoutMinutes;

    @Option(
            names = "--closure-wait-minutes",
            paramLabel = "N",
            defaultValue = "60",
            description =
                    "How long to wait for the closure to arrive in /mnt/nix/store (default:" + " ${DEFAULT-VALUE}).")
    long closureWaitMinutes;

    @Option(
            names = "--binary-cache",
            paramLabel = "URL",
            defaultValue = "https://cache.nixos.org",
            description = "Binary cache the network phase proves when the install builds the flake (default:"
                    + " ${DEFAULT-VALUE}).")
    URI binaryCache;

    RunCommand(PrintWriter out, BiFunction<InstallerPaths, Options, Edges> edges) {
        this.out = out;
        this.edges = edges;
    }

    @Override
    public Integer call() {
        Set<Phase> selection;
        try {
            selection = phases == null ? PhaseSelection.all() : PhaseSelection.parse(phases);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--phases: " + e.getMessage());
        }
        if (graceSeconds < 0 || graceSeconds > 3600) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--grace-seconds must be between 0 and 3600, got " + graceSeconds);
        }
        if (selection.stream().anyMatch(Phase::destructive) && !selection.contains(Phase.CONFIRM)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--phases: destructive phases (partition and later) run only with confirm in the same run");
        }
        if (statusPort < 0 || statusPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--status-port must be 0 to 65535");
        }
        if (installTimeoutMinutes < 1 || installTimeoutMinutes > 24 * 60) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--install-timeout-minutes must be between 1 and 1440");
        }
        if (closureWaitMinutes < 0 || closureWaitMinutes > 24 * 60) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--closure-wait-minutes must be between 0 and 1440");
        }
        if (binaryCache.getHost() == null
                || !(binaryCache.getScheme().equals("https")
                        || binaryCache.getScheme().equals("http"))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--binary-cache must be an http(s) URL with a host, got " + binaryCache);
        }
        try {
            Optional.ofNullable(extraFlake).ifPresent(HostFlake::checkExtra);
            Optional.ofNullable(closure).ifPresent(InstallSource.Closure::new);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Options options = new Options(
                selection,
                root,
                Duration.ofSeconds(graceSeconds),
                statusPort,
                Optional.ofNullable(extraFlake),
                Optional.ofNullable(closure),
                Duration.ofMinutes(installTimeoutMinutes),
                Duration.ofMinutes(closureWaitMinutes),
                binaryCache);
        InstallerPaths paths = new InstallerPaths(root);
        Edges world = edges.apply(paths, options);
        EventLog events = new EventLog(world.clock(), out);
        Edges.StatusApi api = world.statusApi().apply(events);
        try {
            Outcome outcome = Installer.runner(paths, options, world, events, api.address())
                    .run(selection);
            return exitCode(world, outcome);
        } finally {
            api.service().close();
        }
    }

    private static int exitCode(Edges world, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Completed c -> ExitCode.OK.code();
            case Outcome.Refused r -> ExitCode.REFUSED.code();
            case Outcome.RebootedToOldSystem r -> ExitCode.REFUSED.code();
            case Outcome.FailedAfterPointOfNoReturn f -> {
                world.stayUp().hold(f.phase().wire() + " failed: " + f.message());
                yield ExitCode.FAILED.code();
            }
        };
    }
}
