package dev.reinstaller.installer.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.SystemProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemEdgesTest {
    @TempDir
    Path root;

    @Test
    void policySortsCommandsByWhatTheyDoToDisks() {
        assertThat(CommandPolicy.classify(List.of("zpool", "import", "-f", "rpool")))
                .isEqualTo(CommandPolicy.Kind.ACTIVATES);
        assertThat(CommandPolicy.classify(List.of("/sbin/vgchange", "-ay"))).isEqualTo(CommandPolicy.Kind.ACTIVATES);
        assertThat(CommandPolicy.classify(List.of("mdadm", "--assemble", "--scan")))
                .isEqualTo(CommandPolicy.Kind.ACTIVATES);
        assertThat(CommandPolicy.classify(List.of("zpool", "create", "rpool"))).isEqualTo(CommandPolicy.Kind.WRITES);
        assertThat(CommandPolicy.classify(List.of("zpool", "labelclear", "-f", "/dev/sda3")))
                .isEqualTo(CommandPolicy.Kind.WRITES);
        assertThat(CommandPolicy.classify(List.of("mkfs.vfat", "/dev/sda2"))).isEqualTo(CommandPolicy.Kind.WRITES);
        assertThat(CommandPolicy.classify(List.of("sgdisk", "--zap-all", "/dev/sda")))
                .isEqualTo(CommandPolicy.Kind.WRITES);
        assertThat(CommandPolicy.classify(List.of("zpool", "status"))).isEqualTo(CommandPolicy.Kind.READS);
        assertThat(CommandPolicy.classify(List.of("ip", "-j", "link"))).isEqualTo(CommandPolicy.Kind.READS);
    }

    @Test
    void policedProcessesRefuseWritersAndActivatorsBeforeStartingThem() {
        FakeProcesses recorded = FakeProcesses.succeeding();
        Processes policed = new PolicedProcesses(recorded);

        assertThatThrownBy(() -> policed.run(List.of("wipefs", "-a", "/dev/sda"), Duration.ofSeconds(1)))
                .isInstanceOf(InstallerException.class)
                .hasMessageContaining("disk writer");
        assertThatThrownBy(() -> policed.run(List.of("zpool", "import", "rpool"), Duration.ofSeconds(1)))
                .hasMessageContaining("never imports or activates");
        policed.run(List.of("ip", "link"), Duration.ofSeconds(1));

        assertThat(recorded.runs()).containsExactly(List.of("ip", "link"));
    }

    @Test
    void gatedWriterRefusesUntilOpened() {
        RecordingDiskWriter recorded = new RecordingDiskWriter();
        GatedDiskWriter gated = new GatedDiskWriter(recorded);

        assertThatThrownBy(() -> gated.run(List.of("wipefs", "-a", "/dev/sda"), Duration.ofSeconds(1)))
                .isInstanceOf(InstallerException.class)
                .hasMessageContaining("before the confirmation");
        assertThatThrownBy(() -> gated.write("/dev/sda", 0, new byte[1])).hasMessageContaining("/dev/sda");
        assertThatThrownBy(() -> gated.writeFile("/mnt/etc/x", new byte[1], false))
                .hasMessageContaining("/mnt/etc/x");
        assertThat(recorded.calls()).isEmpty();

        gated.open();
        gated.run(List.of("wipefs", "-a", "/dev/sda"), Duration.ofSeconds(1));
        assertThat(recorded.commandLines()).containsExactly("wipefs -a /dev/sda");
    }

    @Test
    void systemWriterWritesIntoExistingNodesOnlyAndRefusesImports() throws Exception {
        Path node = root.resolve("dev/sdz");
        Files.createDirectories(node.getParent());
        Files.write(node, new byte[8]);
        SystemDiskWriter writer = new SystemDiskWriter(FakeProcesses.succeeding(), new InstallerPaths(root));

        writer.write("/dev/sdz", 2, "ab".getBytes(StandardCharsets.US_ASCII));

        assertThat(Files.readAllBytes(node)).containsExactly(0, 0, 'a', 'b', 0, 0, 0, 0);
        assertThatThrownBy(() -> writer.write("/dev/sdy", 0, new byte[1])).hasMessageContaining("does not exist");
        assertThat(root.resolve("dev/sdy")).doesNotExist();
        assertThatThrownBy(() -> writer.run(List.of("zpool", "import", "-a"), Duration.ofSeconds(1)))
                .hasMessageContaining("never imports");
    }

    @Test
    void systemWriterWritesFilesOnlyIntoTheNewSystem() throws Exception {
        SystemDiskWriter writer = new SystemDiskWriter(FakeProcesses.succeeding(), new InstallerPaths(root));

        writer.writeFile("/mnt/persist/a/b.json", "{}".getBytes(StandardCharsets.UTF_8), false);
        writer.writeFile("/mnt/persist/a/secret", "s".getBytes(StandardCharsets.UTF_8), true);

        assertThat(Files.readString(root.resolve("mnt/persist/a/b.json"))).isEqualTo("{}");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(root.resolve("mnt/persist/a/secret"))))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> writer.writeFile("/etc/passwd", new byte[1], false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeFile("/mnt/../etc/passwd", new byte[1], false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemProcessesRunWithStdinAndKillAtTheDeadline() {
        SystemProcesses processes = new SystemProcesses();

        Processes.ProcessResult cat =
                processes.run(List.of("cat"), "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        assertThat(cat.stdout()).isEqualTo("hello");
        assertThat(processes.run(List.of("false"), Duration.ofSeconds(10)).ok()).isFalse();
        assertThatThrownBy(() -> processes.run(List.of("sleep", "5"), Duration.ofMillis(200)))
                .hasMessageContaining("did not finish within");
        assertThatThrownBy(() -> processes.run(List.of("/nonexistent/x"), Duration.ofSeconds(1)))
                .hasMessageContaining("cannot start");
    }

    @Test
    void streamedCommandsHandOverEachLineInOrderWithTheirEnvironment() {
        SystemProcesses processes = new SystemProcesses();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        int code = processes.stream(
                List.of("sh", "-c", "echo one; echo two >&2; echo \"tmp=$TMPDIR\"; exit 3"),
                java.util.Map.of("TMPDIR", "/mnt/tmp"),
                Duration.ofSeconds(10),
                lines::add);

        assertThat(code).isEqualTo(3);
        assertThat(lines).containsExactly("one", "two", "tmp=/mnt/tmp");
    }

    @Test
    void aStreamedCommandPastItsDeadlineIsKilledWithItsChildren() {
        SystemProcesses processes = new SystemProcesses();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();

        assertThatThrownBy(() -> processes.stream(
                        List.of("sh", "-c", "echo started; sleep 30 & wait"),
                        java.util.Map.of(),
                        Duration.ofMillis(500),
                        lines::add))
                .hasMessageContaining("did not finish within 0 s; killed");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void pollBacksOffAndStopsAtTheDeadline() {
        FakeClock clock = new FakeClock();
        Instant deadline = clock.after(Duration.ofSeconds(10));
        AtomicInteger calls = new AtomicInteger();

        Optional<String> none = Waits.poll(clock, deadline, Duration.ofSeconds(1), Duration.ofSeconds(4), () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });

        assertThat(none).isEmpty();
        assertThat(clock.now()).isEqualTo(deadline);
        assertThat(clock.sleeps())
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(3));
        assertThat(calls).hasValue(5);
        assertThat(Waits.poll(clock, deadline, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> Optional.of("x")))
                .contains("x");
    }

    @Test
    void pathsMapAbsoluteRamdiskPathsIntoTheRoot() {
        InstallerPaths paths = new InstallerPaths(root);
        assertThat(paths.resolve("/sys/block")).isEqualTo(root.resolve("sys/block"));
        assertThat(paths.secrets()).isEqualTo(root.resolve("run/reinstaller-secrets"));
        assertThat(paths.cpioDir()).isEqualTo(root.resolve("reinstaller"));
    }
}
