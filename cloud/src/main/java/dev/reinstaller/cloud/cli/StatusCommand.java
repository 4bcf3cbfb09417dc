package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.reinstall.StatusWatch;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reinstaller status}: attach to a running install on a ramdisk. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Attach to a running install and follow its events.",
            "SSH to the ramdisk (host key from --known-hosts, or --host-key), print the installer's /status,",
            "then its events as JSON lines until it ends (--no-follow: status only)."
        })
final class StatusCommand extends SshCommand {
    @Mixin
    HostOption host = new HostOption();

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "22",
            description = "The ramdisk's SSH port (default 22).")
    int port;

    @Option(
            names = "--host-key",
            paramLabel = "KEY",
            description =
                    "Pin the ramdisk's host key (a public key line or SHA256: fingerprint) instead of known_hosts.")
    String hostKey;

    @Option(
            names = "--status-port",
            paramLabel = "PORT",
            defaultValue = "7700",
            hidden = true,
            description = "The installer's status API port on the ramdisk.")
    int statusPort;

    @Option(names = "--no-follow", description = "Print the status and stop.")
    boolean noFollow;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "Stop following after this long (default 3600).")
    long timeout;

    StatusCommand(CloudContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        SshTarget target = host.target(context, ssh, port);
        HostKeyPolicy policy;
        try {
            policy = hostKey != null ? new HostKeyPolicy.Pinned(hostKey, Optional.empty()) : ssh.policy(context);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
        Ssh client = context.ssh().get();
        try (HttpClient http = HttpClient.newHttpClient()) {
            StatusWatch.Watched watched = new StatusWatch(client, http)
                    .watch(
                            target,
                            policy,
                            statusPort,
                            !noFollow,
                            Duration.ofSeconds(timeout),
                            this::line,
                            e -> line(e.json().toString()));
            return switch (watched.ending()) {
                case STATUS -> ExitCode.OK.code();
                case DONE -> {
                    context.err().println("reinstaller: " + target.describe() + ": " + watched.message());
                    yield ExitCode.OK.code();
                }
                case FAILED -> throw new ExitException(ExitCode.REMOTE, target.describe() + ": " + watched.message());
                case LOST ->
                    throw new ExitException(
                            watched.message().contains("no end within") ? ExitCode.TIMEOUT : ExitCode.REMOTE,
                            target.describe() + ": " + watched.message());
            };
        } catch (SshException e) {
            throw SshFailures.exit(e);
        } finally {
            Closing.quietly(client);
        }
    }

    private synchronized void line(String text) {
        context.out().println(text);
        context.out().flush();
    }
}
