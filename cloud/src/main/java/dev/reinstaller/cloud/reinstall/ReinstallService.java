package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.Waiter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One server's reinstall: SSH to the old host (host key from known_hosts), upload agent and bundle
 * (only what differs), {@code preflight}, {@code plan} for the confirmation token, {@code install}
 * with the disk key on stdin, then the expected disconnect; SSH to the ramdisk pinned to the host key
 * the agent printed, and follow the installer through a tunnel to its status API until it reports
 * the end. Every wait has a deadline; a failure names the stage it stopped in.
 */
public final class ReinstallService {
    private final Ssh ssh;
    private final Waiter waiter;
    private final ReinstallSettings settings;
    private final Progress progress;
    private final HttpClient http;
    private final Addressing addressing;

    public ReinstallService(
            Ssh ssh,
            Waiter waiter,
            ReinstallSettings settings,
            Progress progress,
            HttpClient http,
            Addressing addressing) {
        this.addressing = addressing;
        this.ssh = ssh;
        this.waiter = waiter;
        this.settings = settings;
        this.progress = progress;
        this.http = http;
    }

    /** Reinstalls {@code server}; {@code diskKey} is this server's own copy and is wiped here. */
    public ServerOutcome reinstall(Server server, byte[] diskKey) {
        Instant start = waiter.clock().instant();
        Stage[] stage = {Stage.CONNECT};
        try {
            ServerOutcome outcome = run(server, diskKey, stage, start);
            progress.finished(outcome);
            return outcome;
        } catch (StageFailure e) {
            return failed(server, e.stage(), e.kind(), e.getMessage(), start);
        } catch (SshException e) {
            return failed(server, stage[0], kind(e), e.getMessage(), start);
        } catch (DeadlineExceededException e) {
            return failed(server, stage[0], ServerOutcome.Kind.TIMEOUT, e.getMessage(), start);
        } catch (RuntimeException e) {
            return failed(server, stage[0], ServerOutcome.Kind.FAILED, e.toString(), start);
        } finally {
            Arrays.fill(diskKey, (byte) 0);
        }
    }

    private ServerOutcome run(Server server, byte[] diskKey, Stage[] stage, Instant start) {
        Deadlines d = settings.deadlines();
        SshTarget oldHost = target(server);
        progress.stage(server, Stage.CONNECT, "ssh " + oldHost.describe());
        String oldKey;
        String token;
        String ramdiskKey;
        try (SshSession session = ssh.connect(
                oldHost,
                new HostKeyPolicy.KnownHostsFile(settings.knownHosts(), settings.trustFirstUse()),
                d.connect())) {
            oldKey = session.hostKey();
            stage[0] = Stage.UPLOAD;
            SyncReport agent = session.sync(settings.agentDist(), settings.remoteDir() + "/agent", d.step());
            SyncReport bundle = session.sync(settings.bundle(), settings.remoteBundle(), d.step());
            progress.stage(
                    server,
                    Stage.UPLOAD,
                    "sent " + (agent.uploaded().size() + bundle.uploaded().size())
                            + " files (" + (agent.bytesSent() + bundle.bytesSent()) + " bytes), "
                            + (agent.skipped().size() + bundle.skipped().size()) + " already there");

            stage[0] = Stage.PREFLIGHT;
            ExecResult.Exited preflight =
                    exited(Stage.PREFLIGHT, server, session.exec(agent("preflight"), new byte[0], d.step()));
            progress.output(server, Stage.PREFLIGHT, AgentOutput.preflightSummary(preflight.stdout()));
            if (preflight.code() == 3) {
                throw new StageFailure(
                        Stage.PREFLIGHT,
                        ServerOutcome.Kind.REFUSED,
                        "preflight refused " + server + ": " + firstLine(preflight.stderr(), "see the checks above"),
                        null);
            }
            requireOk(Stage.PREFLIGHT, server, preflight);

            stage[0] = Stage.PLAN;
            ExecResult.Exited plan = exited(Stage.PLAN, server, session.exec(agent("plan"), new byte[0], d.step()));
            requireOk(Stage.PLAN, server, plan);
            token = AgentOutput.field(plan.stdout(), "confirmationToken")
                    .orElseThrow(() -> new StageFailure(
                            Stage.PLAN,
                            ServerOutcome.Kind.BAD_INPUT,
                            "plan on " + server + " printed no confirmationToken",
                            null));
            progress.stage(server, Stage.PLAN, "confirmation token " + token);

            stage[0] = Stage.INSTALL;
            ExecResult install = session.exec(
                    agent("install --confirm " + shellWord(token) + " --disk-key-stdin"), diskKey, d.step());
            ramdiskKey = AgentOutput.field(install.stdout(), "ramdiskHostKey")
                    .orElseThrow(() -> new StageFailure(
                            Stage.INSTALL,
                            ServerOutcome.Kind.FAILED,
                            "install on " + server + " printed no ramdisk host key: "
                                    + firstLine(install.stderr(), describe(install)),
                            null));
            switch (install) {
                case ExecResult.Exited exited when exited.code() != 0 -> requireOk(Stage.INSTALL, server, exited);
                case ExecResult.Exited exited -> {}
                case ExecResult.Disconnected disconnected ->
                    progress.stage(
                            server,
                            Stage.INSTALL,
                            "disconnected (kexec); ramdisk key " + KnownHosts.fingerprint(ramdiskKey));
            }
        }
        stage[0] = Stage.RAMDISK;
        return new RamdiskPhase(ssh, waiter, settings, progress, new InstallerFollower(http))
                .follow(server, oldHost, oldKey, ramdiskKey, token, diskKey, stage, start);
    }

    SshTarget target(Server server) {
        return addressing.of(server);
    }

    private String agent(String subcommand) {
        return settings.agentCommand() + " " + subcommand + " --bundle " + settings.remoteBundle() + " --json";
    }

    private static ExecResult.Exited exited(Stage stage, Server server, ExecResult result) {
        return switch (result) {
            case ExecResult.Exited exited -> exited;
            case ExecResult.Disconnected d ->
                throw new StageFailure(
                        stage,
                        ServerOutcome.Kind.REMOTE,
                        stage.wire() + " on " + server + ": the connection dropped",
                        null);
        };
    }

    private static void requireOk(Stage stage, Server server, ExecResult.Exited result) {
        if (result.code() != 0) {
            ServerOutcome.Kind kind = switch (result.code()) {
                case 3 -> ServerOutcome.Kind.REFUSED;
                case 5 -> ServerOutcome.Kind.TIMEOUT;
                case 6 -> ServerOutcome.Kind.BAD_INPUT;
                default -> ServerOutcome.Kind.FAILED;
            };
            throw new StageFailure(
                    stage,
                    kind,
                    "reinstaller-agent " + stage.wire() + " on " + server + " exited " + result.code() + ": "
                            + firstLine(result.stderr(), "no message"),
                    null);
        }
    }

    private static String describe(ExecResult result) {
        return switch (result) {
            case ExecResult.Exited e -> "exit " + e.code();
            case ExecResult.Disconnected d -> "the connection dropped";
        };
    }

    static String firstLine(String text, String otherwise) {
        return text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .reduce((a, b) -> b)
                .map(l -> l.replaceFirst("^reinstaller-agent: ", ""))
                .orElse(otherwise);
    }

    /** Quotes a token for the remote shell; tokens are printable ASCII without spaces. */
    static String shellWord(String token) {
        return "'" + token.replace("'", "'\\''") + "'";
    }

    static ServerOutcome.Kind kind(SshException e) {
        return switch (e.kind()) {
            case HOST_KEY -> ServerOutcome.Kind.REFUSED;
            case TIMEOUT -> ServerOutcome.Kind.TIMEOUT;
            case UNREACHABLE, DISCONNECTED, AUTH -> ServerOutcome.Kind.REMOTE;
            case IO -> ServerOutcome.Kind.FAILED;
        };
    }

    private ServerOutcome failed(Server server, Stage stage, ServerOutcome.Kind kind, String message, Instant start) {
        ServerOutcome outcome = new ServerOutcome.Failed(
                server,
                stage,
                kind,
                message,
                Duration.between(start, waiter.clock().instant()));
        progress.finished(outcome);
        return outcome;
    }
}
