package dev.reinstaller.cloud.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.cli.bar.BarProgress;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.reinstall.Addressing;
import dev.reinstaller.cloud.reinstall.Deadlines;
import dev.reinstaller.cloud.reinstall.Fleet;
import dev.reinstaller.cloud.reinstall.Progress;
import dev.reinstaller.cloud.reinstall.Recovery;
import dev.reinstaller.cloud.reinstall.ReinstallService;
import dev.reinstaller.cloud.reinstall.ReinstallSettings;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.InstallSources;
import dev.reinstaller.protocol.Quoted;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reinstaller hetzner reinstall}: one server or a fleet, through the agent and the ramdisk. */
@Command(
        name = "reinstall",
        mixinStandardHelpOptions = true,
        description = {
            "Reinstall servers into NixOS on an encrypted ZFS pool.",
            "Upload the agent and bundle, run preflight and plan, kexec into the ramdisk, and follow the",
            "installer through an SSH tunnel with the ramdisk's host key pinned.",
            "Results on stdout (--json: one JSON object per line), progress on stderr.",
            "Agent and bundle default to $REINSTALLER_HOME/agent and $REINSTALLER_HOME/bundle."
        })
final class ReinstallCommand extends SshCommand {
    static final int INITRD_PORT = 2222;

    /** How long each API action of a recovery may run. */
    static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(5);

    @Mixin
    ServerOptions target = new ServerOptions();

    @Mixin
    DiskKeyOptions diskKey = new DiskKeyOptions();

    @Option(names = "--agent", paramLabel = "DIR", description = "Unpacked agent distribution.")
    Path agent;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Kexec bundle directory.")
    Path bundle;

    @Option(
            names = "--extra-flake",
            paramLabel = "URL",
            description = "Flake whose nixosModules.default the installed host imports (e.g. github:me/hosts).")
    String extraFlake;

    @Option(
            names = "--closure",
            paramLabel = "STORE-PATH",
            description = "Install this prebuilt system closure instead of building in the ramdisk; it is copied"
                    + " with `nix copy` (Nix needed on this machine) when the installer waits for it.")
    String closure;

    @Option(
            names = "--no-unlock",
            description = "Stop when the installer reboots into the new system: do not unlock its pool through"
                    + " the initrd (port 2222) nor verify the installed host.")
    boolean noUnlock;

    @Option(
            names = "--after",
            paramLabel = "reboot|poweroff",
            defaultValue = "reboot",
            description = "What the installer does once the pool is exported: reboot (default), then unlock and"
                    + " verify; or poweroff, to snapshot the server or move its disk first: the server is then"
                    + " reported installed but not verified (powered off is not failed: no --on-failure"
                    + " recovery).")
    String after;

    @Option(
            names = "--boot-timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Wait for the new initrd, and then for the installed host (default 600 each).")
    long bootTimeout;

    @Option(
            names = "--initrd-port",
            paramLabel = "PORT",
            defaultValue = "" + INITRD_PORT,
            hidden = true,
            description = "The installed system's initrd SSH port.")
    int initrdPort;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Write the run's JSON result to FILE.")
    Path resultFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Servers at a time (default 1).")
    int parallel;

    @Option(
            names = "--remote-dir",
            paramLabel = "DIR",
            defaultValue = "/var/tmp/reinstaller",
            description = "Where agent and bundle go on the old host.")
    String remoteDir;

    @Option(
            names = "--ramdisk-timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Wait for the ramdisk's SSH (default 300).")
    long ramdiskTimeout;

    @Option(
            names = "--install-timeout",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "Wait for the installer's end (default 3600).")
    long installTimeout;

    @Option(
            names = "--ssh-port",
            paramLabel = "PORT",
            defaultValue = "22",
            description = "SSH port of old host, ramdisk and new host (default 22).")
    int sshPort;

    @Option(
            names = "--status-port",
            paramLabel = "PORT",
            defaultValue = "7700",
            hidden = true,
            description = "The installer's status API port on the ramdisk.")
    int statusPort;

    @Option(
            names = "--on-failure",
            paramLabel = "none|reset|rescue",
            defaultValue = "none",
            description = "When a server does not come back in time: reset it, or boot it into rescue (needs"
                    + " HCLOUD_TOKEN; default none).")
    String onFailure;

    @Option(names = "--json", description = "JSON lines on stdout (stable field names).")
    boolean json;

    ReinstallCommand(CloudContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new ExitException(ExitCode.USAGE, "--parallel must be at least 1");
        }
        Optional<HetznerConfig> config = HetznerConfig.fromEnvironment(context.environment());
        Recovery.Mode recovery = recoveryMode(config);
        sources();
        List<Server> found = target.servers(context, config, new int[] {sshPort, INITRD_PORT});
        ReinstallSettings settings = settings();
        byte[] key = diskKey.read(context);
        try {
            List<ServerOutcome> outcomes = run(settings, found, key, config, recovery);
            if (resultFile != null) {
                ResultFile.write(resultFile, outcomes);
            }
            if (json) {
                var summary = JsonMapper.builder().build().createObjectNode();
                summary.put("kind", "summary");
                var list = summary.putArray("servers");
                outcomes.forEach(o -> list.add(Outcomes.json(o)));
                context.out().println(summary);
            } else {
                context.out().print(Fleet.summary(outcomes));
            }
            context.out().flush();
            return Outcomes.exitCode(outcomes).code();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code --after}, checked before any server is looked up. */
    private After afterInstall() {
        return After.fromParameter(after.strip())
                .orElseThrow(() ->
                        new ExitException(ExitCode.USAGE, "--after takes reboot or poweroff, not " + Quoted.of(after)));
    }

    /** {@code --extra-flake}, {@code --closure} and {@code --after} checked before any server is looked up. */
    private void sources() {
        afterInstall();
        try {
            Optional.ofNullable(extraFlake).map(String::strip).ifPresent(InstallSources::extraFlake);
            Optional.ofNullable(closure).map(String::strip).ifPresent(InstallSources::closure);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private Recovery.Mode recoveryMode(Optional<HetznerConfig> config) {
        Recovery.Mode mode = switch (onFailure.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> Recovery.Mode.NONE;
            case "reset" -> Recovery.Mode.RESET;
            case "rescue" -> Recovery.Mode.RESCUE;
            default ->
                throw new ExitException(ExitCode.USAGE, "--on-failure takes none, reset or rescue, not " + onFailure);
        };
        if (mode != Recovery.Mode.NONE && config.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "--on-failure " + onFailure + " needs HCLOUD_TOKEN");
        }
        return mode;
    }

    private List<ServerOutcome> run(
            ReinstallSettings settings,
            List<Server> found,
            byte[] key,
            Optional<HetznerConfig> config,
            Recovery.Mode mode) {
        boolean bar = context.terminal() && !json;
        BarProgress barProgress =
                bar ? new BarProgress(found.size(), new PrintStream(System.err, true, StandardCharsets.UTF_8)) : null;
        Progress progress = bar ? barProgress : new LineProgress(json ? context.out() : context.err(), json);
        Ssh client = context.ssh().get();
        List<Path> ids = ssh.identities(context);
        Addressing addressing = server ->
                new SshTarget(server.name(), target.address().orElseGet(server::sshAddress), sshPort, ssh.user, ids);
        HetznerApi api = mode == Recovery.Mode.NONE ? null : context.api().apply(config.orElseThrow());
        try (HttpClient http = HttpClient.newHttpClient()) {
            ReinstallService service = new ReinstallService(
                    client, context.waiter(), settings, progress, http, addressing, context.local());
            Fleet.After after = api == null
                    ? (outcome, k) -> outcome
                    : new Recovery(
                                    api,
                                    context.waiter(),
                                    mode,
                                    RECOVERY_DEADLINE,
                                    Optional.of(service::reinstallFromRescue))::apply;
            return new Fleet(service, parallel, after).run(found, key::clone);
        } finally {
            Closing.quietly(api);
            if (barProgress != null) {
                barProgress.close();
            }
            Closing.quietly(client);
        }
    }

    /** One wording for a missing directory, naming the option (or that it came from REINSTALLER_HOME). */
    private static void directory(String option, boolean fromHome, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ExitException(
                    ExitCode.BAD_INPUT,
                    option + " " + Quoted.of(dir.toString()) + (fromHome ? " (from $REINSTALLER_HOME)" : "")
                            + ": no such directory");
        }
    }

    private ReinstallSettings settings() {
        List<Path> ids = ssh.identities(context);
        Path agentDir = agent != null ? agent : home("agent", "--agent");
        Path bundleDir = bundle != null ? bundle : home("bundle", "--bundle");
        directory("--agent", agent == null, agentDir);
        directory("--bundle", bundle == null, bundleDir);
        try {
            return new ReinstallSettings(
                    agentDir,
                    bundleDir,
                    remoteDir,
                    ids,
                    ssh.knownHosts(context),
                    ssh.trustFirstUse,
                    sshPort,
                    statusPort,
                    initrdPort,
                    new Deadlines(
                            Deadlines.DEFAULT.connect(),
                            Deadlines.DEFAULT.step(),
                            Duration.ofSeconds(ramdiskTimeout),
                            Duration.ofSeconds(installTimeout),
                            Duration.ofSeconds(bootTimeout)),
                    Optional.ofNullable(extraFlake).map(String::strip),
                    Optional.ofNullable(closure).map(String::strip),
                    !noUnlock,
                    afterInstall());
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private Path home(String part, String option) {
        String home = context.environment().getOrDefault("REINSTALLER_HOME", "");
        if (home.isBlank()) {
            throw new ExitException(ExitCode.USAGE, "give " + option + " DIR or set REINSTALLER_HOME");
        }
        return Path.of(home).resolve(part);
    }
}
