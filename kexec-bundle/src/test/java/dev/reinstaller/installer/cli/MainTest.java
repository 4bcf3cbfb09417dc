package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.protocol.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path root;

    private final FakeEdges fakes = new FakeEdges();

    private int run(String... args) {
        Edges edges = fakes.edges();
        return new Main(new PrintWriter(fakes.out, true), new PrintWriter(fakes.err, true), (paths, options) -> edges)
                .run(args);
    }

    @Test
    void destructivePhasesWithoutConfirmAreAUsageError() {
        int code = run("run", "--root", root.toString(), "--phases", "params,partition");

        assertThat(code).isEqualTo(2);
        assertThat(fakes.err.toString()).contains("run only with confirm in the same run");
        assertThat(fakes.out.toString()).isEmpty();
        assertThat(fakes.disk.calls()).isEmpty();
    }

    @Test
    void unknownPhasesAreAUsageError() {
        assertThat(run("run", "--phases", "parms")).isEqualTo(2);
        assertThat(fakes.err.toString()).contains("unknown phase 'parms'");
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingRuns() {
        assertThat(run("run", "--root", root.toString(), "--grace-seconds", "ten"))
                .isEqualTo(2);
        assertThat(run("run", "--root", root.toString(), "--status-port=70000")).isEqualTo(2);
        assertThat(run("run", "--root", root.toString(), "--binary-cache", "ftp://cache.example"))
                .isEqualTo(2);
        assertThat(run("run", "--rot", root.toString())).isEqualTo(2);
        assertThat(run("install")).isEqualTo(2);

        assertThat(fakes.err.toString())
                .contains("--grace-seconds: 'ten' is not a number")
                .contains("--status-port must be 0 to 65535")
                .contains("--binary-cache must be an http(s) URL with a host, got ftp://cache.example")
                .contains("unknown option '--rot'")
                .contains("unexpected argument 'install'");
        assertThat(fakes.out.toString()).isEmpty();
        assertThat(fakes.disk.calls()).isEmpty();
    }

    @Test
    void versionNamesTheProgram() {
        assertThat(run("--version")).isZero();
        assertThat(run("run", "-V")).isZero();
        assertThat(fakes.out.toString()).startsWith("reinstaller-installer ").contains("\nreinstaller-installer ");
    }

    @Test
    void withoutArgumentsItPrintsTheUsageAndExitsAsAUsageError() {
        assertThat(run()).isEqualTo(ExitCode.USAGE.code());
        assertThat(fakes.out.toString()).isEmpty();
        assertThat(fakes.err.toString())
                .startsWith("Usage: reinstaller-installer")
                .contains("run              Run the");
    }

    @Test
    void helpListsThePhasesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(fakes.out.toString()).contains("Exit codes", "watchdog path");
        assertThat(run("run", "--help")).isZero();
        assertThat(fakes.out.toString()).contains("params,network,ready,confirm,partition");
    }

    @Test
    void aDefaultRunOnARamdiskWithoutTheHostFlakeInputsIsRefusedBeforeAnythingHappens() {
        int code = run("run", "--root", root.toString());

        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(fakes.out.toString())
                .contains("\"phase\":\"flake\"", "/etc/reinstaller/inputs.json is missing")
                .doesNotContain("phase-started");
        assertThat(fakes.disk.calls()).isEmpty();
        assertThat(fakes.watchdog.reboots()).isEmpty();
    }
}
