package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.run.RecordingWatchdog;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.RecordingDiskWriter;
import dev.reinstaller.installer.system.RecordingProcesses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingWatchdog watchdog = new RecordingWatchdog();
    private final RecordingDiskWriter disk = new RecordingDiskWriter();
    private final List<String> holds = new ArrayList<>();

    private int run(String... args) {
        Edges edges =
                new Edges(new FakeClock(), new RecordingProcesses(), disk, events -> watchdog, holds::add, base -> {
                    throw new AssertionError("no metadata expected");
                });
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true), (paths, options) -> edges).run(args);
    }

    @Test
    void destructivePhasesWithoutConfirmAreAUsageError() {
        int code = run("run", "--root", root.toString(), "--phases", "params,partition");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("run only with confirm in the same run");
        assertThat(out.toString()).isEmpty();
        assertThat(disk.calls()).isEmpty();
    }

    @Test
    void unknownPhasesAreAUsageError() {
        assertThat(run("run", "--phases", "parms")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown phase 'parms'");
    }

    @Test
    void helpListsThePhasesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes", "watchdog path");
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("params,network,ready,confirm,partition");
    }
}
