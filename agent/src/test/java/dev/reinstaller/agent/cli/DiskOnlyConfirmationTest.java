package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with no DMI serial or UUID: its token binds only the disk, so {@code plan} and
 * {@code install} refuse it unless the operator passes {@code --disk-only-confirmation}.
 */
class DiskOnlyConfirmationTest {
    private static final String KEY = "correct horse battery staple";

    @TempDir
    Path root;

    Path info;
    Path bundle;
    String token;
    FakeKexec kexec;

    @BeforeEach
    void fixture() throws Exception {
        HostTree.healthy(root);
        RuntimeInfo full = Fixtures.runtimeInfo();
        RuntimeInfo anonymous = new RuntimeInfo(
                full.schemaVersion(),
                full.hostName(),
                full.hostId(),
                new Machine(null, null, "QEMU", "Standard PC"),
                full.arch(),
                full.firmware(),
                full.authorizedKeys(),
                full.disks(),
                full.nics(),
                full.skipped(),
                full.nameServers(),
                full.provider());
        token = ConfirmationToken.of(anonymous);
        info = root.resolve("info.json");
        Files.write(info, RuntimeInfoJson.toBytes(anonymous));
        bundle = Fixtures.bundle(
                Files.createDirectories(root.resolve("bundle")), Fixtures.bytes(4096, 1), Fixtures.bytes(10_001, 2));
        kexec = new FakeKexec();
    }

    private CliRun run(String stdin, String... args) {
        return CliRun.run(root, FakeProcesses.succeeding(), kexec, stdin, args);
    }

    @Test
    void planRefusesAMachineWithoutIdentityAndSaysWhatToPass() {
        CliRun refused = run("", "plan", "--info", info.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(refused.err())
                .contains("no DMI serial or UUID", "bind only the disk /dev/sda", "--disk-only-confirmation");
        assertThat(refused.out()).doesNotContain(token);
    }

    @Test
    void planWithTheFlagPrintsTheDiskOnlyToken() {
        CliRun accepted = run("", "plan", "--json", "--info", info.toString(), "--disk-only-confirmation");

        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("\"confirmationToken\" : \"" + token + "\"", "binds only the disk");
    }

    @Test
    void installRefusesWithoutTheFlagBeforeAnythingIsLoaded() {
        String[] install = {
            "install",
            "--no-reboot",
            "--info",
            info.toString(),
            "--bundle",
            bundle.toString(),
            "--confirm",
            token,
            "--disk-key-stdin"
        };
        CliRun refused = run(KEY + "\n", install);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(refused.err()).contains("--disk-only-confirmation");
        assertThat(kexec.calls()).isEmpty();

        String[] accepted = java.util.Arrays.copyOf(install, install.length + 1);
        accepted[install.length] = "--disk-only-confirmation";
        CliRun loaded = run(KEY + "\n", accepted);
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(kexec.calls()).isNotEmpty();
    }
}
