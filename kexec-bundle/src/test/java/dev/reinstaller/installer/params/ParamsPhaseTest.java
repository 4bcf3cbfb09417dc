package dev.reinstaller.installer.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.fixture.TestMachine;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.FakeClock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsPhaseTest {
    @TempDir
    Path root;

    private final FakeClock clock = new FakeClock();
    private final StringWriter console = new StringWriter();
    private final EventLog events = new EventLog(clock, new PrintWriter(console));

    private RunState run(TestMachine machine) {
        RunState state = new RunState(clock.now());
        MetadataSource.Factory noMetadata = base -> {
            throw new AssertionError("no metadata expected, asked " + base);
        };
        new ParamsPhase(new InstallerPaths(machine.root()), events, noMetadata, clock, FakeProcesses.succeeding())
                .run(state);
        return state;
    }

    @Test
    void inlineInfoIsDecodedAndSummarised() {
        RuntimeInfo info = TestMachine.info();
        TestMachine machine =
                new TestMachine(root).hetzner().cmdline(TestMachine.cmdline(info, Optional.empty(), false));

        RunState state = run(machine);

        assertThat(state.info()).isEqualTo(LoadedInfo.current(info, "reinstaller.info"));
        assertThat(state.diskKey()).isEmpty();
        assertThat(state.parameters().confirm()).isEmpty();
        assertThat(console.toString()).contains("host web-01, disk sda, machine 48213377", "deadline 900 s");
    }

    @Test
    void cpioFilesMoveIntoTheRootOnlyDirectoryAndInfoIsCheckedAgainstTheCrc() throws Exception {
        RuntimeInfo info = TestMachine.info();
        byte[] key = "correct horse battery staple\n".getBytes(StandardCharsets.UTF_8);
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(info, Optional.of("t"), true))
                .cpio("runtime-info.json", InfoCodec.encode(info).json())
                .cpio("disk-key", key);

        RunState state = run(machine);

        assertThat(state.info()).isEqualTo(LoadedInfo.current(info, "cpio"));
        assertThat(state.diskKey())
                .hasValueSatisfying(k -> assertThat(k.copy())
                        .isEqualTo("correct horse battery staple".getBytes(StandardCharsets.UTF_8)));
        Path secrets = root.resolve("run/reinstaller-secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("disk-key"))))
                .isEqualTo("r--------");
        assertThat(root.resolve("reinstaller")).doesNotExist();
        assertThat(console.toString()).contains("a disk key arrived").doesNotContain("horse");
    }

    @Test
    void cpioInfoWithTheWrongCrcIsRefused() {
        RuntimeInfo info = TestMachine.info();
        byte[] json = InfoCodec.encode(info).json();
        json[json.length - 2] = ' ';
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(info, Optional.empty(), true))
                .cpio("runtime-info.json", json);

        assertThatThrownBy(() -> run(machine))
                .isInstanceOfSatisfying(
                        InstallerException.class,
                        e -> assertThat(e.category()).isEqualTo(InstallerException.Category.REFUSED))
                .hasMessageContaining("runtime info in the cpio is unusable")
                .hasMessageContaining("reinstaller.crc=");
    }

    @Test
    void cpioInfoThatIsMissingIsRefused() {
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), true));

        assertThatThrownBy(() -> run(machine)).hasMessageContaining("held no reinstaller/runtime-info.json");
    }

    @Test
    void diskKeyOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), false)
                        + " disk_key=c2VjcmV0c2VjcmV0");

        assertThatThrownBy(() -> run(machine))
                .hasMessageContaining("disk_key= found on the kernel command line and refused")
                .hasMessageNotContaining("c2VjcmV0c2VjcmV0");
    }

    @Test
    void legacyInfoLoadsAndSaysConfirmationMustBeExplicit() {
        TestMachine machine = new TestMachine(root).hetzner().cmdline(TestMachine.legacyCmdline());

        RunState state = run(machine);

        assertThat(state.info().received().path("diskToFormat").asText()).isEqualTo("/dev/sda");
        assertThat(state.info().info().targetDisk().name()).isEqualTo("sda");
        assertThat(state.info().origin()).isEqualTo("legacy");
        assertThat(state.info().explicitConfirmation()).isTrue();
        assertThat(console.toString()).contains("waits for an explicit confirmation");
    }

    @Test
    void garbledParametersAreRefusedWithTheDecodersMessage() {
        String line = TestMachine.cmdline(TestMachine.info(), Optional.empty(), false);
        TestMachine machine = new TestMachine(root).hetzner().cmdline(line.substring(0, line.length() - 12));

        assertThatThrownBy(() -> run(machine)).hasMessageStartingWith("the kernel parameters are unusable:");
    }

    @Test
    void aSecretsDirectoryOthersCanEnterIsRefused() throws Exception {
        TestMachine machine = new TestMachine(root)
                .hetzner()
                .cmdline(TestMachine.cmdline(TestMachine.info(), Optional.empty(), false));
        Path secrets = Files.createDirectories(root.resolve("run/reinstaller-secrets"));
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> run(machine)).hasMessageContaining("must be root-only");
    }
}
