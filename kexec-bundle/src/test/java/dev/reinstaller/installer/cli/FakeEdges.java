package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.run.RecordingWatchdog;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import dev.reinstaller.installer.system.RecordingProcesses;
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
    final FakeClock clock = new FakeClock();
    final RecordingProcesses processes = new RecordingProcesses();
    final RecordingDiskWriter disk = new RecordingDiskWriter();
    final RecordingWatchdog watchdog = new RecordingWatchdog();
    final List<String> holds = new ArrayList<>();
    final List<String> reboots = new ArrayList<>();
    final Deque<byte[]> sentKeys = new ArrayDeque<>();
    final Deque<String> sentTokens = new ArrayDeque<>();
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
                () -> reboots.add("reboot"));
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
