package dev.reinstaller.installer.cli;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.installer.network.BinaryCache;
import dev.reinstaller.installer.network.Reachability;
import dev.reinstaller.installer.run.RecordingWatchdog;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Every edge of the installer as a recording fake, and a way to run the real CLI against a temporary
 * root with them. Keys and tokens "sent after boot" are queued; an empty queue waits until the deadline
 * (on the fake clock) like the real sources of this build.
 */
final class FakeEdges {
    static final String PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";
    final FakeClock clock = new FakeClock();
    final FakeProcesses processes = FakeProcesses.succeeding();
    final RecordingDiskWriter disk = new RecordingDiskWriter();
    final RecordingWatchdog watchdog = new RecordingWatchdog();
    final List<String> holds = new ArrayList<>();
    final List<String> reboots = new ArrayList<>();
    final Deque<byte[]> sentKeys = new ArrayDeque<>();
    final Deque<String> sentTokens = new ArrayDeque<>();
    final List<String> resolved = new ArrayList<>();
    final List<String> cacheChecks = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Edges edges() {
        return new Edges(
                clock,
                processes,
                disk,
                events -> watchdog,
                holds::add,
                base -> {
                    throw new AssertionError("no metadata expected, asked " + base);
                },
                this::nextKey,
                this::nextToken,
                log -> new Edges.StatusApi(Optional.empty(), () -> {}),
                after -> reboots.add(after.parameter()),
                new Reachability(
                        (host, timeout) -> {
                            resolved.add(host);
                            return List.of("127.0.0.1");
                        },
                        (cache, timeout) -> cacheChecks.add(cache.toString()),
                        BinaryCache.NIXOS));
    }

    private Optional<DiskKey> nextKey(Instant deadline) {
        if (sentKeys.isEmpty()) {
            clock.sleep(clock.until(deadline));
            return Optional.empty();
        }
        return Optional.of(DiskKey.take(sentKeys.removeFirst()));
    }

    private Optional<String> nextToken(Instant deadline) {
        if (sentTokens.isEmpty()) {
            clock.sleep(clock.until(deadline));
            return Optional.empty();
        }
        return Optional.of(sentTokens.removeFirst());
    }

    /** Runs {@code reinstaller-installer run --root ROOT --phases PHASES}; returns the exit code. */
    int run(Path root, String phases) {
        disk.onCommand("sgdisk", argv -> makePartitionNodes(root, argv.getLast()));
        Edges edges = edges();
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true), (paths, options) -> edges)
                .run("run", "--root", root.toString(), "--phases", phases);
    }

    /** Runs {@code reinstaller-installer run --root ROOT ARGS...}; returns the exit code. */
    int runWith(Path root, String... args) {
        disk.onCommand("sgdisk", argv -> makePartitionNodes(root, argv.getLast()));
        Edges edges = edges();
        List<String> argv = new ArrayList<>(List.of("run", "--root", root.toString()));
        argv.addAll(List.of(args));
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true), (paths, options) -> edges)
                .run(argv.toArray(String[]::new));
    }

    /** Both gateways of the Hetzner test machine answer (usable neighbour entries on eth0). */
    FakeEdges gatewaysAnswer() {
        processes.answer(
                List.of("ip", "-4", "-j", "neigh", "show", "to", "172.31.1.1", "dev", "eth0"),
                0,
                "[{\"dst\":\"172.31.1.1\",\"dev\":\"eth0\",\"state\":[\"REACHABLE\"]}]",
                "");
        processes.answer(
                List.of("ip", "-6", "-j", "neigh", "show", "to", "fe80::1", "dev", "eth0"),
                0,
                "[{\"dst\":\"fe80::1\",\"dev\":\"eth0\",\"state\":[\"REACHABLE\"]}]",
                "");
        return this;
    }

    /** ssh-keygen "generates" a key pair where it is asked to, with a private part that tests scan for. */
    FakeEdges keygenWritesKeys(Path root) {
        disk.onCommand("ssh-keygen", argv -> {
            Path key = root.resolve(argv.getLast().substring(1));
            try {
                Files.createDirectories(key.getParent());
                Files.writeString(key, PRIVATE_KEY);
                Files.writeString(
                        key.resolveSibling(key.getFileName() + ".pub"),
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8zN2vK4Wm7rT1pXyB3cD5eF6gH7iJ8kL9mN0oP1qR x\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return this;
    }

    /** What the kernel does when sgdisk rewrites the table: partition nodes 1 to 3 appear in /dev. */
    private static void makePartitionNodes(Path root, String device) {
        try {
            for (int n = 1; n <= 3; n++) {
                Path node = root.resolve(device.substring(1) + n);
                Files.createDirectories(node.getParent());
                if (!Files.exists(node)) {
                    Files.createFile(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console output: one REINSTALLER line per event. */
    String console() {
        return out.toString();
    }
}
