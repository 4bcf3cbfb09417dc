package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.hostinfo.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KexecRebootTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path root;

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final FakeKexec kexec = new FakeKexec();

    private KexecReboot reboot(Processes processes) {
        return new KexecReboot(new HostPaths(root), processes, kexec, DEADLINE, slept::add, progress::add);
    }

    @Test
    void withSystemdACleanShutdownIsAskedForThenTheImageRunsAfterTheDeadline() throws IOException {
        Files.createDirectories(root.resolve("run/systemd/system"));
        FakeProcesses processes = FakeProcesses.succeeding();

        assertThatThrownBy(() -> reboot(processes).reboot()).hasMessage("fake reboot does not reboot");

        assertThat(processes.runs()).containsExactly(List.of("systemctl", "kexec"));
        assertThat(slept).containsExactly(DEADLINE);
        assertThat(kexec.calls()).containsExactly("reboot");
        assertThat(progress.getLast()).startsWith("the host is still up 90 s after systemctl kexec");
    }

    @Test
    void whenSystemctlFailsTheImageRunsAtOnce() throws IOException {
        Files.createDirectories(root.resolve("run/systemd/system"));
        FakeProcesses processes =
                FakeProcesses.answering(argv -> new Processes.ProcessResult(argv, 1, "", "Failed to connect to bus"));

        assertThatThrownBy(() -> reboot(processes).reboot()).isInstanceOf(KexecException.class);

        assertThat(slept).isEmpty();
        assertThat(kexec.calls()).containsExactly("reboot");
        assertThat(progress.getLast()).contains("exited with 1 (Failed to connect to bus)");
    }

    @Test
    void withoutSystemdTheImageRunsDirectly() {
        FakeProcesses processes = FakeProcesses.succeeding();

        assertThat(reboot(processes).systemdRuns()).isFalse();
        assertThatThrownBy(() -> reboot(processes).reboot()).isInstanceOf(KexecException.class);

        assertThat(processes.runs()).isEmpty();
        assertThat(kexec.calls()).containsExactly("reboot");
    }
}
