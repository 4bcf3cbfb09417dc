package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubCommandTest {
    private static final String UUID = "0d6f2e9c-1b1a-4c3e-9d55-6f1c2a7b8e90";

    @TempDir
    Path root;

    Path info;
    Path bundle;
    Path grub;
    FakeProcesses processes;

    @BeforeEach
    void fixture() throws Exception {
        info = root.resolve("info.json");
        Files.copy(Path.of(getClass().getResource("/cli/hetzner-host.json").toURI()), info);
        bundle = Files.createDirectories(root.resolve("root/reinstaller"));
        Files.copy(Path.of(getClass().getResource("/cli/manifest.json").toURI()), bundle.resolve("manifest.json"));
        grub = Files.createDirectories(root.resolve("boot/grub"));
        Files.writeString(
                grub.resolve("grub.cfg"),
                "### BEGIN /etc/grub.d/41_custom ###\n"
                        + "if [ -f  ${config_directory}/custom.cfg ]; then\n  source ${config_directory}/custom.cfg\nfi\n");
        processes = FakeProcesses.strict()
                .answer(
                        CmdlineCommandTest.findmnt(bundle),
                        "{\"filesystems\":[{\"target\":\"" + root + "\",\"uuid\":\"" + UUID
                                + "\",\"fstype\":\"ext4\"}]}")
                .answer(List.of("grub-reboot", "reinstaller"), "");
    }

    @Test
    void writesTheEntryKeepsOtherContentAndSetsTheNextBootOnly() throws Exception {
        Files.writeString(grub.resolve("custom.cfg"), "menuentry 'mine' {\n}\n");
        CliRun run = CliRun.run(root, processes, "", "grub", "--info", info.toString(), "--bundle", bundle.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String custom = Files.readString(grub.resolve("custom.cfg"));
        assertThat(custom)
                .startsWith("menuentry 'mine' {\n}\n")
                .contains("menuentry 'reinstaller' --id reinstaller {")
                .contains("search --no-floppy --fs-uuid --set=root " + UUID)
                .contains("linux /root/reinstaller/bzImage init=/nix/store/")
                .contains("initrd /root/reinstaller/initrd.zst");
        assertThat(processes.runs()).contains(List.of("grub-reboot", "reinstaller"));

        CliRun again =
                CliRun.run(root, processes, "", "grub", "--info", info.toString(), "--bundle", bundle.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(grub.resolve("custom.cfg"))).isEqualTo(custom);

        CliRun removed = CliRun.run(root, processes, "", "grub", "--remove", "--bundle", bundle.toString());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(Files.readString(grub.resolve("custom.cfg"))).isEqualTo("menuentry 'mine' {\n}\n");
    }

    @Test
    void refusesWhenGrubDoesNotSourceCustomCfgAndWritesNothing() throws Exception {
        Files.writeString(grub.resolve("grub.cfg"), "menuentry 'Debian' {\n}\n");
        CliRun run = CliRun.run(root, processes, "", "grub", "--info", info.toString(), "--bundle", bundle.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("does not source custom.cfg");
        assertThat(grub.resolve("custom.cfg")).doesNotExist();
        assertThat(processes.runs()).doesNotContain(List.of("grub-reboot", "reinstaller"));
    }

    @Test
    void metadataEntryCarriesNoRuntimeInfo() throws Exception {
        CliRun run = CliRun.run(root, processes, "", "grub", "--source-metadata", "--bundle", bundle.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(grub.resolve("custom.cfg")))
                .contains("reinstaller.source=metadata")
                .doesNotContain("reinstaller.info=");
    }
}
