package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.Tunnel;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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

    private final PhaseContext context;
    private final InstallerFollower follower;
    private final LocalProcesses local;
    private final AtomicBoolean closureCopied = new AtomicBoolean();

    RamdiskPhase(PhaseContext context, InstallerFollower follower, LocalProcesses local) {
        this.context = context;
        this.follower = follower;
        this.local = local;
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
            Host server,
            SshTarget target,
            String oldKey,
            String ramdiskKey,
            String token,
            byte[] diskKey,
            AttemptListener where) {
        Deadlines d = context.settings().deadlines();
        HostKeyPolicy pinned = new HostKeyPolicy.Pinned(
                ramdiskKey, Optional.of(context.settings().knownHosts()));
        byte[] key = diskKey.clone();
        try {
            SshSession first = connect(target, pinned, oldKey, d.ramdisk());
            context.progress()
                    .stage(server, Stage.RAMDISK, "ramdisk answers with " + KnownHosts.fingerprint(ramdiskKey));
            where.entered(Stage.FOLLOW);
            Instant end = context.waiter().clock().instant().plus(d.install());
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
                    copyClosure(server, target, ramdiskKey, event, end, where);
                }
            };
            InstallerFollower.End.Finished finished;
            List<InstalledKey> hostKeys;
            try (Link link = new Link(server, first, () -> connect(target, pinned, oldKey, left(end)), end)) {
                finished = context.waiter()
                        .until(
                                "follow the installer on " + target.describe(),
                                d.install(),
                                RECONNECT,
                                () -> link.follow(answers));
                hostKeys = link.hostKeys();
            }
            if (!finished.done()) {
                throw new StageFailure(
                        Stage.FOLLOW,
                        ServerOutcome.Kind.REMOTE,
                        "installer on " + server + ": " + finished.message(),
                        null);
            }
            String recorded =
                    new InstalledKnownHosts(context.settings()).record(target.host(), target.port(), hostKeys);
            context.progress().stage(server, Stage.FOLLOW, recorded);
            return new Installed(hostKeys, finished.rebootsIntoNew());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The connection to the ramdisk while the installer is followed: the SSH session (opened again
     * through {@code reconnect} after a drop), the last event seen (where the next stream resumes) and
     * the host keys the installer reported.
     */
    private final class Link implements AutoCloseable {
        private final Host server;
        private final Supplier<SshSession> reconnect;
        private final Instant end;
        private final List<InstalledKey> hostKeys = new ArrayList<>();
        private SshSession session;
        private long lastSeq;

        Link(Host server, SshSession first, Supplier<SshSession> reconnect, Instant end) {
            this.server = server;
            this.session = first;
            this.reconnect = reconnect;
            this.end = end;
        }

        /** One stream through a tunnel: the installer's end, or again after the stream was lost. */
        Poll<InstallerFollower.End.Finished> follow(InstallerFollower.Answers answers) {
            if (!session.isOpen()) {
                session = reconnect.get();
            }
            InstallerFollower.End ended;
            try (Tunnel tunnel = session.forward("127.0.0.1", context.settings().statusPort())) {
                ended = follower.follow(tunnel.localPort(), lastSeq, left(end), Optional.of(answers), this::seen);
            }
            return switch (ended) {
                case InstallerFollower.End.Finished f -> Poll.done(f);
                case InstallerFollower.End.Lost lost -> {
                    lastSeq = lost.lastSeq();
                    yield Poll.again("event stream lost after event " + lost.lastSeq() + ": " + lost.reason());
                }
            };
        }

        private void seen(InstallerEvent event) {
            if (event.type().equals("host-keys")) {
                event.json().path("keys").forEach(k -> hostKeys.add(InstalledKey.of(k)));
            }
            context.progress().installer(server, event);
        }

        List<InstalledKey> hostKeys() {
            return List.copyOf(hostKeys);
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** Copies the closure once, within the installer's own deadline for it and the follow deadline. */
    private void copyClosure(
            Host server,
            SshTarget target,
            String ramdiskKey,
            InstallerEvent event,
            Instant end,
            AttemptListener where) {
        String storePath = context.settings()
                .closure()
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
        where.entered(Stage.CLOSURE);
        context.progress()
                .stage(server, Stage.CLOSURE, "nix copy " + storePath + " to the new pool on " + target.describe());
        String copied = new ClosureCopy(local)
                .copy(
                        target,
                        ramdiskKey,
                        storePath,
                        left(until),
                        line -> context.progress().output(server, Stage.CLOSURE, line));
        context.progress().stage(server, Stage.CLOSURE, copied);
        where.entered(Stage.FOLLOW);
    }

    private Duration left(Instant end) {
        Duration left = Duration.between(context.waiter().clock().instant(), end);
        return left.isPositive() ? left : Duration.ofMillis(1);
    }

    private SshSession connect(SshTarget target, HostKeyPolicy pinned, String oldKey, Duration deadline) {
        return new Successor(
                        context.ssh(),
                        context.waiter(),
                        context.settings().deadlines().connect())
                .connect(
                        "reach the ramdisk of " + target.describe() + " by SSH",
                        target,
                        pinned,
                        oldKey,
                        "the old system still answers",
                        deadline);
    }
}
