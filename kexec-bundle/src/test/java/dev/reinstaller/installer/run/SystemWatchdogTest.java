package dev.reinstaller.installer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.After;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemWatchdogTest {
    @TempDir
    Path root;

    private final FakeClock clock = new FakeClock();
    private final EventLog events = new EventLog(clock, new PrintWriter(new StringWriter()));
    private final FakeProcesses processes = FakeProcesses.succeeding();

    @Test
    void showsTheReasonForTheGracePeriodThenReboots() {
        List<After> reboots = new ArrayList<>();
        SystemWatchdog watchdog = new SystemWatchdog(
                new InstallerPaths(root), events, clock, processes, reboots::add, Duration.ofSeconds(30), true);

        watchdog.rebootToOldSystem("params failed: reinstaller.crc mismatch");

        assertThat(events.events())
                .containsExactly(new Event.Rebooting("params failed: reinstaller.crc mismatch", 30, true));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30));
        assertThat(reboots).as("the old system is booted, never powered off").containsExactly(After.REBOOT);
    }

    @Test
    void standsDownThroughSystemdNotifyOnlyWhenSystemdWatches() {
        new SystemWatchdog(new InstallerPaths(root), events, clock, processes, after -> {}, Duration.ofSeconds(1), true)
                .pointOfNoReturn();
        new SystemWatchdog(
                        new InstallerPaths(root), events, clock, processes, after -> {}, Duration.ofSeconds(1), false)
                .pointOfNoReturn();

        assertThat(processes.runs())
                .containsExactly(List.of("systemd-notify", "--ready", "--status=point of no return passed"));
    }

    @Test
    void leavesTheMarkerTheRamdisksOwnDeadlineWaitsFor() {
        Path marker = root.resolve("run/reinstaller/past-point-of-no-return");
        assertThat(marker).doesNotExist();
        new SystemWatchdog(
                        new InstallerPaths(root), events, clock, processes, after -> {}, Duration.ofSeconds(1), false)
                .pointOfNoReturn();
        assertThat(marker).exists();
    }

    @Test
    void rebooterFallsBackToSysrqWhenSystemctlReturns() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        processes.answer(List.of("systemctl", "reboot", "--force", "--force"), 1, "", "no systemd");

        new SystemRebooter(processes, new InstallerPaths(root)).reboot(After.REBOOT);

        assertThat(Files.readString(root.resolve("proc/sysrq-trigger"))).isEqualTo("b");
    }

    @Test
    void aPowerOffAsksSystemctlForItAndFallsBackToSysrqO() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        processes.answer(List.of("systemctl", "poweroff", "--force", "--force"), 1, "", "no systemd");

        new SystemRebooter(processes, new InstallerPaths(root)).reboot(After.POWEROFF);

        assertThat(processes.runs()).containsExactly(List.of("systemctl", "poweroff", "--force", "--force"));
        assertThat(Files.readString(root.resolve("proc/sysrq-trigger"))).isEqualTo("o");
    }
}
