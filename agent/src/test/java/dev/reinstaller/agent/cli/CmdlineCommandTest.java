package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.KernelCommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdlineCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;

    Path info;
    Path bundle;

    @BeforeEach
    void fixture() throws Exception {
        info = root.resolve("info.json");
        Files.copy(Path.of(getClass().getResource("/cli/hetzner-host.json").toURI()), info);
        bundle = Files.createDirectories(root.resolve("srv/bundle"));
        Files.copy(Path.of(getClass().getResource("/cli/manifest.json").toURI()), bundle.resolve("manifest.json"));
    }

    /** 60 RSA keys of random material: far more than the command line holds. */
    private Path oversizedInfo() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(Files.readString(info));
        ArrayNode keys = tree.putArray("authorizedKeys");
        SecureRandom random = new SecureRandom(new byte[] {1});
        for (int i = 0; i < 60; i++) {
            byte[] material = new byte[400];
            random.nextBytes(material);
            keys.add("ssh-rsa " + Base64.getEncoder().encodeToString(material) + " key" + i + "@fleet");
        }
        Path big = root.resolve("big.json");
        Files.writeString(big, tree.toString());
        return big;
    }

    @Test
    void inlineLineIncludesBundleParametersAndFitsTheBudget() throws Exception {
        CliRun run = CliRun.run(
                root,
                FakeProcesses.strict(),
                "",
                "cmdline",
                "--json",
                "--info",
                info.toString(),
                "--bundle",
                bundle.toString(),
                "--confirm",
                "48213377:drive-scsi0-0-0-0:40960000000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.path("commandLine").asText())
                .startsWith("init=/nix/store/")
                .contains("reinstaller.info=");
        assertThat(out.path("infoInCpio").asBoolean()).isFalse();
        assertThat(out.path("bytes").asInt()).isLessThanOrEqualTo(KernelCommandLine.MAX_BYTES);
    }

    @Test
    void oversizedInfoNeedsACpioAndDecodesFromIt() throws Exception {
        Path big = oversizedInfo();
        CliRun refused = CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--info", big.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(refused.err()).contains("--cpio-out");

        Path cpio = root.resolve("info.cpio");
        CliRun run = CliRun.run(
                root, FakeProcesses.strict(), "", "cmdline", "--info", big.toString(), "--cpio-out", cpio.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = run.out().strip();
        assertThat(line).contains("reinstaller.info=cpio");
        assertThat(KernelCommandLine.fits(line)).isTrue();

        byte[] archive = Files.readAllBytes(cpio);
        List<dev.reinstaller.protocol.Cpio.Entry> entries = dev.reinstaller.protocol.Cpio.read(archive);
        Path json = root.resolve("from-cpio.json");
        Files.write(
                json,
                entries.stream()
                        .filter(e -> e.name().equals("reinstaller/runtime-info.json"))
                        .findFirst()
                        .orElseThrow()
                        .data());
        CliRun decoded =
                CliRun.run(root, FakeProcesses.strict(), "", "decode", "--json", "--cpio-info", json.toString(), line);
        assertThat(decoded.exitCode()).as(decoded.err()).isZero();
        assertThat(JSON.readTree(decoded.out()).path("runtimeInfo")).isEqualTo(JSON.readTree(Files.readString(big)));
    }

    @Test
    void metadataSourceLine() {
        CliRun run = CliRun.run(
                root,
                FakeProcesses.strict(),
                "",
                "cmdline",
                "--source-metadata",
                "--metadata-url",
                "http://169.254.169.254/hetzner/v1/metadata",
                "--deadline",
                "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip())
                .isEqualTo("reinstaller.v=1 reinstaller.source=metadata"
                        + " reinstaller.metadata=http://169.254.169.254/hetzner/v1/metadata reinstaller.deadline=600");
    }

    @Test
    void aManualBootCanPowerOffAtTheEnd() {
        CliRun inline = CliRun.run(
                root, FakeProcesses.strict(), "", "cmdline", "--info", info.toString(), "--after", "poweroff");
        assertThat(inline.exitCode()).as(inline.err()).isZero();
        assertThat(inline.out()).contains(" reinstaller.after=poweroff");
        CliRun metadata =
                CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--source-metadata", "--after", "poweroff");
        assertThat(metadata.out().strip()).endsWith("reinstaller.source=metadata reinstaller.after=poweroff");
        CliRun bad = CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--source-metadata", "--after", "halt");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(bad.err()).contains("--after takes reboot or poweroff");
    }

    @Test
    void endlessRuntimeInfoIsRefusedAtOneMib() {
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--info", "/dev/zero");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err())
                .contains("--info /dev/zero is larger than 1048576 bytes")
                .doesNotContain("OutOfMemoryError", "\tat ");
    }

    @Test
    void aHugeHostNameWithEscapesGivesOneShortLine() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(Files.readString(info));
        tree.put("hostName", "\u001b[2J\u001b]0;owned\u0007" + "h".repeat(500_000));
        Path bad = root.resolve("bad-host.json");
        Files.writeString(bad, tree.toString());

        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--info", bad.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).hasSizeLessThan(400).contains("hostName", "\\u001b[2J", "more characters)");
        assertThat(run.err().chars()).noneMatch(c -> c == 0x1b || c == 0x07);
    }

    @Test
    void badDeadlineIsBadInput() {
        CliRun run =
                CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--info", info.toString(), "--deadline", "3");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("deadline");
    }

    @Test
    void grubLinesFindTheBundleByFilesystemUuid() {
        FakeProcesses processes = FakeProcesses.strict()
                .answer(
                        findmnt(bundle),
                        "{\"filesystems\":[{\"target\":\"" + root + "\",\"uuid\":"
                                + "\"0d6f2e9c-1b1a-4c3e-9d55-6f1c2a7b8e90\",\"fstype\":\"ext4\"}]}");
        CliRun run = CliRun.run(
                root, processes, "", "cmdline", "--grub", "--info", info.toString(), "--bundle", bundle.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines)
                .contains(
                        "insmod ext2",
                        "search --no-floppy --fs-uuid --set=root 0d6f2e9c-1b1a-4c3e-9d55-6f1c2a7b8e90",
                        "initrd /srv/bundle/initrd.zst",
                        "boot");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("linux /srv/bundle/bzImage init=/nix/store/")
                        .contains("reinstaller.crc="));
    }

    @Test
    void grubRefusesABundleOnTmpfs() {
        FakeProcesses processes = FakeProcesses.strict()
                .answer(
                        findmnt(bundle),
                        "{\"filesystems\":[{\"target\":\"" + root + "\",\"uuid\":null," + "\"fstype\":\"tmpfs\"}]}");
        CliRun run = CliRun.run(
                root, processes, "", "cmdline", "--grub", "--info", info.toString(), "--bundle", bundle.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("tmpfs").doesNotContain("Exception");
    }

    @Test
    void grubSearchesForTheKernelFileWhenTheFilesystemHasNoUuid() {
        FakeProcesses processes = FakeProcesses.strict()
                .answer(
                        findmnt(bundle),
                        "{\"filesystems\":[{\"target\":\"" + root + "\",\"uuid\":null," + "\"fstype\":\"ext4\"}]}");
        CliRun run = CliRun.run(
                root, processes, "", "cmdline", "--grub", "--source-metadata", "--bundle", bundle.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).contains("search --no-floppy --file --set=root /srv/bundle/bzImage");
    }

    static List<String> findmnt(Path dir) {
        return List.of(
                "findmnt", "-J", "-n", "-T", dir.toAbsolutePath().normalize().toString(), "-o", "TARGET,UUID,FSTYPE");
    }
}
