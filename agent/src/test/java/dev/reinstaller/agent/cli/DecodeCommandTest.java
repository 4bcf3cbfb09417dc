package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    @TempDir
    Path root;

    Path info;

    @BeforeEach
    void fixture() throws Exception {
        info = root.resolve("info.json");
        Files.copy(Path.of(getClass().getResource("/cli/hetzner-host.json").toURI()), info);
    }

    private String line() {
        CliRun cmdline = CliRun.run(root, FakeProcesses.strict(), "", "cmdline", "--info", info.toString());
        assertThat(cmdline.exitCode()).as(cmdline.err()).isZero();
        return cmdline.out().strip();
    }

    @Test
    void cmdlineThenDecodeRoundTrips() throws Exception {
        String line = "BOOT_IMAGE=/vmlinuz quiet " + line() + " -- single";
        CliRun decoded = CliRun.run(root, FakeProcesses.strict(), "", "decode", "--json", line);
        assertThat(decoded.exitCode()).as(decoded.err()).isZero();
        JsonNode view = JsonMapper.builder().build().readTree(decoded.out());
        JsonNode expected = JsonMapper.builder().build().readTree(Files.readString(info));
        assertThat(view.path("source").asText()).isEqualTo("inline");
        assertThat(view.path("runtimeInfo")).isEqualTo(expected);
        assertThat(view.path("deadlineSeconds").asLong()).isEqualTo(900);
    }

    @Test
    void readsProcCmdlineByDefaultAndStdinWithDash() throws Exception {
        String line = line();
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cmdline"), "quiet " + line + "\n");
        CliRun fromProc = CliRun.run(root, FakeProcesses.strict(), "", "decode");
        assertThat(fromProc.exitCode()).as(fromProc.err()).isZero();
        assertThat(fromProc.out()).contains("source:   inline").contains("\"hostName\" : \"web-01\"");
        CliRun fromStdin = CliRun.run(root, FakeProcesses.strict(), line, "decode", "-");
        assertThat(fromStdin.out()).isEqualTo(fromProc.out());
    }

    @Test
    void corruptedLineGetsOneLineErrorAndBadInputExit() {
        String line = line();
        int at = line.indexOf("reinstaller.info=") + 40;
        char replaced = line.charAt(at) == 'A' ? 'B' : 'A';
        String corrupted = line.substring(0, at) + replaced + line.substring(at + 1);
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "decode", corrupted);
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).containsAnyOf("reinstaller.crc", "reinstaller.info");
    }

    @Test
    void cutLineIsCaught() {
        String line = line();
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "decode", line.substring(0, line.length() - 30));
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("reinstaller.info");
    }

    @Test
    void legacyLineDecodesAndWaitsForConfirmation() {
        String json = "{\"hostName\":\"installer-test\",\"hostId\":\"8425e349\",\"rootAuthorizedKeys\":[],"
                + "\"diskToFormat\":\"/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0\","
                + "\"networkInterface\":\"ens3\",\"networkInterfaceModule\":\"virtio_net\","
                + "\"ipv4\":{\"address\":\"203.0.113.7\",\"prefixLength\":32,\"gateway\":\"172.31.1.1\","
                + "\"netmask\":\"255.255.255.255\"},"
                + "\"ipv6\":{\"address\":\"2001:db8:1::1\",\"prefixLength\":64,\"gateway\":\"fe80::1\"}}";
        String line =
                "init=/nix/store/x/init runtime_info=\"" + Base64.getEncoder().encodeToString(json.getBytes()) + "\"";
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "decode", line);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("source:   legacy")
                .contains("explicit confirmation")
                .contains("ens3");
    }

    @Test
    void diskKeyIsRefusedWithTheReason() {
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "decode", line() + " disk_key=c2VjcmV0Cg==");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("disk_key=").contains("kernel log").doesNotContain("c2VjcmV0Cg");
    }

    @Test
    void lineWithoutOurParametersSaysWhatIsMissing() {
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "decode", "BOOT_IMAGE=/vmlinuz root=/dev/sda1");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("reinstaller.v is missing");
    }
}
