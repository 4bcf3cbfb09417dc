package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.ssh.Tunnel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Ssh} for fleet benchmarks: every connect, exec, upload and forward takes
 * {@code step}; the agent's subcommands answer as on a healthy host (install prints the ramdisk key and
 * drops), except that servers named in {@code refusing} fail preflight. Forwarding goes to one shared
 * status API. Host-key policies are not checked here: the MINA tests cover them.
 */
public final class FakeFleetSsh implements Ssh {
    private static final String RAMDISK_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR ramdisk";
    private static final String OLD_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR old";

    private final Duration step;
    private final int statusPort;
    private final Set<String> refusing;
    private final Map<String, Boolean> kexeced = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger mostActive = new AtomicInteger();

    public FakeFleetSsh(Duration step, int statusPort, Set<String> refusing) {
        this.step = step;
        this.statusPort = statusPort;
        this.refusing = Set.copyOf(refusing);
    }

    /** The most sessions open at once. */
    public int mostActive() {
        return mostActive.get();
    }

    @Override
    public SshSession connect(SshTarget target, HostKeyPolicy policy, Duration deadline) {
        pause();
        mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        return new Session(target.label());
    }

    private void pause() {
        try {
            Thread.sleep(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private final class Session implements SshSession {
        private final String server;
        private volatile boolean open = true;
        private final java.util.concurrent.atomic.AtomicBoolean closed =
                new java.util.concurrent.atomic.AtomicBoolean();

        Session(String server) {
            this.server = server;
        }

        @Override
        public String hostKey() {
            return kexeced.containsKey(server) ? RAMDISK_KEY : OLD_KEY;
        }

        @Override
        public ExecResult exec(String command, byte[] stdin, Duration deadline) {
            pause();
            if (command.contains(" preflight ")) {
                return refusing.contains(server)
                        ? new ExecResult.Exited(3, "{\"checks\":[]}", "reinstaller-agent: kernel is locked down\n")
                        : new ExecResult.Exited(0, "{\"checks\":[]}", "");
            }
            if (command.contains(" plan ")) {
                return new ExecResult.Exited(0, "{\"confirmationToken\":\"" + FakeHost.TOKEN + "\"}", "");
            }
            if (command.contains(" facts ")) {
                return new ExecResult.Exited(0, FakeHost.factsJson("bench"), "");
            }
            if (command.contains(" install ")) {
                kexeced.put(server, true);
                open = false;
                return new ExecResult.Disconnected("{\"ramdiskHostKey\":\"" + RAMDISK_KEY + "\"}", "");
            }
            return new ExecResult.Exited(127, "", "unknown command\n");
        }

        @Override
        public SyncReport sync(Path local, String remoteDir, Duration deadline) {
            pause();
            return new SyncReport(List.of(), List.of(local.getFileName().toString()), 0);
        }

        @Override
        public Tunnel forward(String host, int port) {
            pause();
            return new Tunnel() {
                @Override
                public int localPort() {
                    return statusPort;
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
            open = false;
        }
    }
}
