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
import dev.reinstaller.protocol.ExitCode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@code run}: the installer service. Runs the phases, prints every event as a {@code REINSTALLER}
 * line on stdout (the console), and after a failure past the point of no return holds the process
 * up instead of exiting.
 */
final class RunCommand {
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

    /** The help text of {@code run}. */
    static String usage() {
        return """
            Usage: reinstaller-installer run [-hV] [--phases LIST] [--root DIR] [--grace-seconds N]
                     [--status-port PORT] [--extra-flake URL] [--closure STORE-PATH]
                     [--install-timeout-minutes N] [--closure-wait-minutes N] [--binary-cache URL]
            Run the installer's phases.
                  --phases LIST     Comma-separated phases to run (default: all). Destructive ones
                                      need confirm in the list. Phases:
                                      %s
                  --root DIR        Root holding proc, sys, dev, run and mnt (default: /).
                  --grace-seconds N How long an error stays on the console before the watchdog
                                      reboots (default: 30).
                  --status-port PORT
                                    Port of the status API on 127.0.0.1 (0: any free port;
                                      default: %d).
                  --extra-flake URL The operator's flake: an input of the host flake whose
                                      nixosModules.default is imported (default: the cpio's
                                      reinstaller/extra-flake, if any).
                  --closure STORE-PATH
                                    Install this system closure (copied into /mnt/nix/store by the
                                      operator) instead of building the host flake (default: the
                                      cpio's reinstaller/closure, if any).
                  --install-timeout-minutes N
                                    How long nixos-install may run (default: %d).
                  --closure-wait-minutes N
                                    How long to wait for the closure to arrive in /mnt/nix/store
                                      (default: %d).
                  --binary-cache URL
                                    Binary cache the network phase proves when the install builds
                                      the flake (default: %s).
              -h, --help            Show this help message and exit.
              -V, --version         Print version information and exit.
            """.formatted(
                        Arrays.stream(Phase.values()).map(Phase::wire).collect(Collectors.joining(",")),
                        StatusServer.DEFAULT_PORT,
                        Options.INSTALL_TIMEOUT.toMinutes(),
                        Options.CLOSURE_WAIT.toMinutes(),
                        BinaryCache.NIXOS);
    }

    /** The options {@code run} takes. */
    static final Set<String> OPTIONS = Set.of(
            "--phases",
            "--root",
            "--grace-seconds",
            "--status-port",
            "--extra-flake",
            "--closure",
            "--install-timeout-minutes",
            "--closure-wait-minutes",
            "--binary-cache");

    private static final long GRACE_SECONDS = 30;

    private final PrintWriter out;
    private final BiFunction<InstallerPaths, Options, Edges> edges;

    RunCommand(PrintWriter out, BiFunction<InstallerPaths, Options, Edges> edges) {
        this.out = out;
        this.edges = edges;
    }

    /**
     * The checked options of one run.
     *
     * @throws UsageException naming the option that is wrong
     */
    static Options options(CommandArgs args) {
        Set<Phase> selection;
        try {
            selection = args.text("--phases").map(PhaseSelection::parse).orElseGet(PhaseSelection::all);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--phases: " + e.getMessage());
        }
        long graceSeconds = args.number("--grace-seconds", GRACE_SECONDS);
        if (graceSeconds < 0 || graceSeconds > 3600) {
            throw new UsageException("--grace-seconds must be between 0 and 3600, got " + graceSeconds);
        }
        if (selection.stream().anyMatch(Phase::destructive) && !selection.contains(Phase.CONFIRM)) {
            throw new UsageException(
                    "--phases: destructive phases (partition and later) run only with confirm in the same run");
        }
        long statusPort = args.number("--status-port", StatusServer.DEFAULT_PORT);
        if (statusPort < 0 || statusPort > 65535) {
            throw new UsageException("--status-port must be 0 to 65535");
        }
        long installTimeoutMinutes = args.number("--install-timeout-minutes", Options.INSTALL_TIMEOUT.toMinutes());
        if (installTimeoutMinutes < 1 || installTimeoutMinutes > 24 * 60) {
            throw new UsageException("--install-timeout-minutes must be between 1 and 1440");
        }
        long closureWaitMinutes = args.number("--closure-wait-minutes", Options.CLOSURE_WAIT.toMinutes());
        if (closureWaitMinutes < 0 || closureWaitMinutes > 24 * 60) {
            throw new UsageException("--closure-wait-minutes must be between 0 and 1440");
        }
        URI binaryCache = args.uri("--binary-cache", BinaryCache.NIXOS);
        if (binaryCache.getHost() == null
                || binaryCache.getScheme() == null
                || !(binaryCache.getScheme().equals("https")
                        || binaryCache.getScheme().equals("http"))) {
            throw new UsageException("--binary-cache must be an http(s) URL with a host, got " + binaryCache);
        }
        Optional<String> extraFlake = args.text("--extra-flake");
        Optional<String> closure = args.text("--closure");
        try {
            extraFlake.ifPresent(HostFlake::checkExtra);
            closure.ifPresent(InstallSource.Closure::new);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Options(
                selection,
                args.path("--root", "/"),
                Duration.ofSeconds(graceSeconds),
                (int) statusPort,
                extraFlake,
                closure,
                Duration.ofMinutes(installTimeoutMinutes),
                Duration.ofMinutes(closureWaitMinutes),
                binaryCache);
    }

    /** Runs the selected phases; returns the exit code. */
    int run(Options options) {
        InstallerPaths paths = new InstallerPaths(options.root());
        Edges world = edges.apply(paths, options);
        EventLog events = new EventLog(world.clock(), out);
        Edges.StatusApi api = world.statusApi().apply(events);
        try {
            Outcome outcome = Installer.runner(paths, options, world, events, api.address())
                    .run(options.phases());
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
