package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.cli.bar.BarProgress;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.reinstall.Addressing;
import dev.reinstaller.cloud.reinstall.Deadlines;
import dev.reinstaller.cloud.reinstall.Fleet;
import dev.reinstaller.cloud.reinstall.Progress;
import dev.reinstaller.cloud.reinstall.ReinstallService;
import dev.reinstaller.cloud.reinstall.ReinstallSettings;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.cloud.reinstall.ServerRef;
import dev.reinstaller.cloud.reinstall.ServerResolver;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reinstaller hetzner reinstall}: one server or a fleet, through the agent and the ramdisk. */
@Command(
        name = "reinstall",
        mixinStandardHelpOptions = true,
        description = {
            "Reinstall servers: upload the agent and bundle, run preflight and plan, kexec into the ramdisk,",
            "and follow the installer through an SSH tunnel with the ramdisk's host key pinned.",
            "Results on stdout (--json: one JSON object per line), progress on stderr."
        })
final class ReinstallCommand implements Callable<Integer> {
    private final CloudContext context;

    @Option(names = "--server", paramLabel = "NAME|ID", description = "A server by name or id (repeatable).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--selector", paramLabel = "LABELS", description = "Servers by label selector, e.g. role=web.")
    List<String> selectors = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "DIR", required = true, description = "Unpacked agent distribution.")
    Path agent;

    @Option(names = "--bundle", paramLabel = "DIR", required = true, description = "Kexec bundle directory.")
    Path bundle;

    @Option(
            names = "--identity",
            paramLabel = "FILE",
            description = "SSH private key (repeatable; default ~/.ssh/id_*).")
    List<Path> identities = new ArrayList<>();

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "known_hosts for the old hosts (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--trust-first-use", description = "Record an old host's unknown key instead of refusing.")
    boolean trustFirstUse;

    @Option(names = "--disk-key-file", paramLabel = "FILE", description = "Read the pool passphrase from FILE.")
    Path diskKeyFile;

    @Option(names = "--disk-key-stdin", description = "Read the pool passphrase from standard input.")
    boolean diskKeyStdin;

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
            description = "SSH port of old host and ramdisk (default 22).")
    int sshPort;

    @Option(
            names = "--status-port",
            paramLabel = "PORT",
            defaultValue = "7700",
            hidden = true,
            description = "The installer's status API port on the ramdisk.")
    int statusPort;

    @Option(names = "--json", description = "JSON lines on stdout (stable field names).")
    boolean json;

    @Option(names = "--verbose", description = "Stack traces.")
    boolean verbose;

    ReinstallCommand(CloudContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<ServerRef> refs = refs();
        HetznerConfig config = HetznerConfig.fromEnvironment(context.environment())
                .orElseThrow(() -> new ExitException(ExitCode.USAGE, "set HCLOUD_TOKEN to a Hetzner Cloud API token"));
        byte[] key = diskKey();
        try {
            ReinstallSettings settings = settings();
            List<Server> found = resolve(config, refs);
            List<ServerOutcome> outcomes = run(settings, found, key);
            if (json) {
                var summary = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .createObjectNode();
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

    private List<ServerOutcome> run(ReinstallSettings settings, List<Server> found, byte[] key) {
        boolean bar = context.terminal() && !json;
        BarProgress barProgress =
                bar ? new BarProgress(found.size(), new PrintStream(System.err, true, StandardCharsets.UTF_8)) : null;
        Progress progress = bar ? barProgress : new LineProgress(json ? context.out() : context.err(), json);
        Ssh ssh = context.ssh().get();
        try (HttpClient http = HttpClient.newHttpClient()) {
            ReinstallService service = new ReinstallService(
                    ssh, context.waiter(), settings, progress, http, Addressing.standard(settings));
            return new Fleet(service, parallel).run(found, key::clone);
        } finally {
            if (barProgress != null) {
                barProgress.close();
            }
            if (ssh instanceof AutoCloseable closeable) {
                close(closeable);
            }
        }
    }

    private List<Server> resolve(HetznerConfig config, List<ServerRef> refs) {
        HetznerApi api = context.api().apply(config);
        try {
            return new ServerResolver(api).resolve(refs);
        } catch (HetznerException e) {
            throw new ExitException(ExitCode.REMOTE, e.getMessage(), e);
        } catch (DeadlineExceededException e) {
            throw new ExitException(ExitCode.TIMEOUT, e.getMessage(), e);
        } catch (ServerResolver.ResolveException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } finally {
            if (api instanceof AutoCloseable closeable) {
                close(closeable);
            }
        }
    }

    private List<ServerRef> refs() {
        if (servers.isEmpty() && selectors.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "name servers with --server NAME|ID or --selector LABELS");
        }
        if (parallel < 1) {
            throw new ExitException(ExitCode.USAGE, "--parallel must be at least 1");
        }
        List<ServerRef> refs = new ArrayList<>();
        servers.forEach(s -> refs.add(parse(s)));
        selectors.forEach(s -> refs.add(new ServerRef.BySelector(s)));
        return refs;
    }

    private static ServerRef parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "--server needs a name or an id");
        }
        return t.chars().allMatch(Character::isDigit) ? new ServerRef.ById(Long.parseLong(t)) : new ServerRef.ByName(t);
    }

    private byte[] diskKey() {
        if ((diskKeyFile == null) == !diskKeyStdin) {
            throw new ExitException(
                    ExitCode.USAGE, "give the pool passphrase with exactly one of --disk-key-file or --disk-key-stdin");
        }
        try {
            byte[] key = diskKeyFile != null
                    ? Files.readAllBytes(diskKeyFile)
                    : context.stdin().readAllBytes();
            if (key.length == 0) {
                throw new ExitException(ExitCode.BAD_INPUT, "the pool passphrase is empty");
            }
            return key;
        } catch (IOException e) {
            throw new ExitException(ExitCode.BAD_INPUT, "cannot read the pool passphrase: " + e.getMessage(), e);
        }
    }

    private ReinstallSettings settings() {
        List<Path> ids = identities.isEmpty()
                ? Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
                        .map(n -> context.home().resolve(".ssh").resolve(n))
                        .filter(Files::isReadable)
                        .toList()
                : identities;
        if (ids.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "no SSH identity: give --identity FILE");
        }
        for (Path dir : List.of(agent, bundle)) {
            if (!Files.isDirectory(dir)) {
                throw new ExitException(ExitCode.BAD_INPUT, dir + " is not a directory");
            }
        }
        try {
            return new ReinstallSettings(
                    agent,
                    bundle,
                    remoteDir,
                    ids,
                    knownHosts != null ? knownHosts : context.home().resolve(".ssh/known_hosts"),
                    trustFirstUse,
                    sshPort,
                    statusPort,
                    new Deadlines(
                            Deadlines.DEFAULT.connect(),
                            Deadlines.DEFAULT.step(),
                            Duration.ofSeconds(ramdiskTimeout),
                            Duration.ofSeconds(installTimeout)));
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Shutting down clients at the end of a run; nothing is left to save.
        }
    }
}
