package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.Tunnel;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * After the kexec: wait for the ramdisk to answer SSH with the host key the agent printed (the old
 * host's key may answer for a while as it shuts down: that is waited out; any other key aborts; the
 * matching key is added to known_hosts next to the old one), then follow the installer through a
 * tunnel, reconnecting and resuming the event stream after a drop. When the installer is done, the
 * installed system's keys replace the old and ramdisk entries in known_hosts. One instance per server
 * and attempt: it remembers whether the closure was copied.
 */
final class RamdiskPhase {
    static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private final Ssh ssh;
    private final Waiter waiter;
    private final ReinstallSettings settings;
    private final Progress progress;
    private final InstallerFollower follower;
    private final LocalProcesses local;
    private final AtomicBoolean closureCopied = new AtomicBoolean();

    RamdiskPhase(
            Ssh ssh,
            Waiter waiter,
            ReinstallSettings settings,
            Progress progress,
            InstallerFollower follower,
            LocalProcesses local) {
        this.local = local;
        this.ssh = ssh;
        this.waiter = waiter;
        this.settings = settings;
        this.progress = progress;
        this.follower = follower;
    }

    /**
     * What the installer reported at its end.
     *
     * @param hostKeys the installed system's keys
     * @param rebootsIntoNew it reboots into the installed system (rather than ending a partial run)
     */
    record Installed(List<InstalledKey> hostKeys, boolean rebootsIntoNew) {
        Installed {
            hostKeys = List.copyOf(hostKeys);
        }
    }

    Installed follow(
            Server server,
            SshTarget target,
            String oldKey,
            String ramdiskKey,
            String token,
            byte[] diskKey,
            Stage[] stage) {
        Deadlines d = settings.deadlines();
        HostKeyPolicy pinned = new HostKeyPolicy.Pinned(ramdiskKey, Optional.of(settings.knownHosts()));
        byte[] key = diskKey.clone();
        List<InstalledKey> hostKeys = new ArrayList<>();
        try {
            SshSession first = connect(server, target, pinned, oldKey, d.ramdisk());
            progress.stage(server, Stage.RAMDISK, "ramdisk answers with " + KnownHosts.fingerprint(ramdiskKey));
            stage[0] = Stage.FOLLOW;
            SshSession[] session = {first};
            long[] lastSeq = {0};
            Instant end = waiter.clock().instant().plus(d.install());
            InstallerFollower.Answers answers = new InstallerFollower.Answers() {
                @Override
                public byte[] diskKey() {
                    return key;
                }

                @Override
                public String confirmationToken() {
                    return token;
                }

                @Override
                public void closure(InstallerEvent event) {
                    copyClosure(server, target, ramdiskKey, event, end, stage);
                }
            };
            InstallerFollower.End.Finished finished =
                    waiter.until("follow the installer on " + target.describe(), d.install(), RECONNECT, () -> {
                        if (!session[0].isOpen()) {
                            session[0] = connect(server, target, pinned, oldKey, left(end));
                        }
                        InstallerFollower.End ended;
                        try (Tunnel tunnel = session[0].forward("127.0.0.1", settings.statusPort())) {
                            ended = follower.follow(
                                    tunnel.localPort(), lastSeq[0], left(end), Optional.of(answers), event -> {
                                        if (event.type().equals("host-keys")) {
                                            event.json().path("keys").forEach(k -> hostKeys.add(InstalledKey.of(k)));
                                        }
                                        progress.installer(server, event);
                                    });
                        }
                        return switch (ended) {
                            case InstallerFollower.End.Finished f -> Poll.done(f);
                            case InstallerFollower.End.Lost lost -> {
                                lastSeq[0] = lost.lastSeq();
                                yield Poll.again(
                                        "event stream lost after event " + lost.lastSeq() + ": " + lost.reason());
                            }
                        };
                    });
            session[0].close();
            if (!finished.done()) {
                throw new StageFailure(
                        Stage.FOLLOW,
                        ServerOutcome.Kind.REMOTE,
                        "installer on " + server + ": " + finished.message(),
                        null);
            }
            String recorded = new InstalledKnownHosts(settings).record(target.host(), target.port(), hostKeys);
            progress.stage(server, Stage.FOLLOW, recorded);
            return new Installed(hostKeys, finished.rebootsIntoNew());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Copies the closure once, within the installer's own deadline for it and the follow deadline. */
    private void copyClosure(
            Server server, SshTarget target, String ramdiskKey, InstallerEvent event, Instant end, Stage[] stage) {
        String storePath = settings.closure()
                .orElseThrow(() -> new StageFailure(
                        Stage.CLOSURE,
                        ServerOutcome.Kind.REMOTE,
                        "the installer on " + server + " waits for a closure, but none was given (--closure);"
                                + " it named: " + event.json().path("what").asText(),
                        null));
        if (closureCopied.getAndSet(true)) {
            return;
        }
        Instant until = end;
        try {
            Instant asked = Instant.parse(event.json().path("deadline").asText(""));
            until = asked.isBefore(end) ? asked : end;
        } catch (java.time.format.DateTimeParseException e) {
            // No deadline in the event: the follow deadline alone bounds the copy.
        }
        stage[0] = Stage.CLOSURE;
        progress.stage(server, Stage.CLOSURE, "nix copy " + storePath + " to the new pool on " + target.describe());
        String copied = new ClosureCopy(local)
                .copy(target, ramdiskKey, storePath, left(until), line -> progress.output(server, Stage.CLOSURE, line));
        progress.stage(server, Stage.CLOSURE, copied);
        stage[0] = Stage.FOLLOW;
    }

    private Duration left(Instant end) {
        Duration left = Duration.between(waiter.clock().instant(), end);
        return left.isPositive() ? left : Duration.ofMillis(1);
    }

    private SshSession connect(
            Server server, SshTarget target, HostKeyPolicy pinned, String oldKey, Duration deadline) {
        String oldBlob = KnownHosts.typeAndBlob(oldKey);
        return waiter.until("reach the ramdisk of " + target.describe() + " by SSH", deadline, RECONNECT, () -> {
            try {
                return Poll.done(
                        ssh.connect(target, pinned, settings.deadlines().connect()));
            } catch (SshException e) {
                boolean oldHostStillUp = e.kind() == SshException.Kind.HOST_KEY
                        && e.presentedKey()
                                .map(KnownHosts::typeAndBlob)
                                .filter(oldBlob::equals)
                                .isPresent();
                return switch (e.kind()) {
                    case UNREACHABLE, TIMEOUT, DISCONNECTED -> Poll.again(e.getMessage());
                    case HOST_KEY -> {
                        if (oldHostStillUp) {
                            yield Poll.again("the old system still answers");
                        }
                        throw e;
                    }
                    case AUTH, IO -> throw e;
                };
            }
        });
    }
}
