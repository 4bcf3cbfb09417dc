package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.installer.run.PhaseSelection;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.SystemDiskWriter;
import dev.reinstaller.protocol.After;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgesTest {
    @TempDir
    Path root;

    @Test
    void aTestTreeRootNeverReachesThisMachinesDisks() {
        InstallerPaths paths = new InstallerPaths(root);
        Edges edges = Edges.system(
                paths,
                new RunCommand.Options(PhaseSelection.all(), root, Duration.ZERO, 0),
                new PrintWriter(new StringWriter()));

        assertThat(edges.diskWriter()).isNotInstanceOf(SystemDiskWriter.class);
        assertThatThrownBy(() -> edges.diskWriter().run(List.of("wipefs", "-a", "/dev/sda"), Duration.ofSeconds(1)))
                .isInstanceOf(InstallerException.class)
                .hasMessageContaining("a test tree");
        assertThatThrownBy(() -> edges.diskWriter().write("/dev/sda", 0, new byte[1]))
                .hasMessageContaining("a test tree");
    }

    @Test
    void onlyTheRealRootCountsAsReal() {
        assertThat(TestTreeGuard.isRealRoot(InstallerPaths.real())).isTrue();
        assertThat(TestTreeGuard.isRealRoot(new InstallerPaths(root))).isFalse();
        StringWriter console = new StringWriter();
        TestTreeGuard.dryRebooter(new InstallerPaths(root), new PrintWriter(console))
                .reboot(After.REBOOT);
        assertThat(console.toString()).contains("would reboot now; not doing it because --root is " + root);
    }
}
