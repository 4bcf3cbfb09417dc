package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reinstaller.agent.facts.FixtureHost;
import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.LoopbackOnlyMetadata;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(FixtureHost host, String... args) {
        AgentContext context = new AgentContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]),
                host.paths(),
                host.processes(),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC),
                Map.of(),
                bundleBinary -> new FakeKexec(),
                Prompter.none(),
                new LoopbackOnlyMetadata());
        return new Main(context).run(args);
    }

    /** A Hetzner-shaped host whose DMI says QEMU, so that no metadata request is attempted. */
    private FixtureHost offHetzner(String fixture) throws Exception {
        FixtureHost host = FixtureHost.load(fixture, root);
        Files.writeString(root.resolve("sys/class/dmi/id/sys_vendor"), "QEMU\n");
        return host;
    }

    @Test
    void jsonHasRuntimeInfoFindingsAndTarget() throws Exception {
        FixtureHost host = offHetzner("private-network");

        int code = run(host, "facts", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = JSON.readTree(out.toString());
        assertThat(json.has("findings")).isTrue();
        assertThat(json.path("target").path("device").asText()).isEqualTo("/dev/sda");
        RuntimeInfo info = RuntimeInfoJson.read(JSON.writeValueAsBytes(json.get("runtimeInfo")), "facts --json")
                .orThrow();
        assertThat(info.nics()).hasSize(2);
        assertThat(info.targetDisk().byId()).isEqualTo("/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0");
    }

    @Test
    void textSummaryNamesDiskNicsRoutesAndKeys() throws Exception {
        FixtureHost host = offHetzner("hetzner-dhcp");

        int code = run(host, "facts");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("/dev/sda  38.1 GiB  QEMU HARDDISK  serial drive-scsi0-0-0-0  driver virtio_scsi")
                .contains("96:00:02:a1:b2:c3  eth0  driver virtio_net")
                .contains("address 203.0.113.10/32 (dhcp)")
                .contains("route 172.31.1.1/32 scope link")
                .contains("route default via fe80::1")
                .contains("2 authorized key(s)")
                .contains("SHA256:qpiAZNfrkvZm+glpo8ez0QLBRTkuVzBID5KYSlz6Ff0  alice@laptop");
    }

    @Test
    void rescueWithoutDiskExitsRefusedWithAHint() throws Exception {
        FixtureHost host = offHetzner("rescue");

        int code = run(host, "facts");

        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("name it with --disk").contains("sda 38.1 GiB");
    }

    @Test
    void unknownDiskExitsBadInput() throws Exception {
        FixtureHost host = offHetzner("two-disks");

        assertThat(run(host, "facts", "--disk", "sdq")).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(err.toString()).contains("--disk sdq names no disk");
    }

    @Test
    void warningsAlsoGoToStderr() throws Exception {
        FixtureHost host = offHetzner("hetzner-dhcp");
        Files.delete(root.resolve("root/.ssh/authorized_keys"));

        int code = run(host, "facts", "--json");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("reinstaller-agent: warning: keys: no key in /root/.ssh/authorized_keys");
        assertThat(JSON.readTree(out.toString()).path("findings").toString()).contains("\"warn\"");
    }

    @Test
    void unreachableExplicitMetadataExitsRemote() throws Exception {
        FixtureHost host = offHetzner("hetzner-dhcp");

        int code = run(
                host, "facts", "--metadata-url", "http://127.0.0.1:9/hetzner/v1/metadata", "--metadata-timeout", "1");

        assertThat(code).isEqualTo(ExitCode.REMOTE.code());
        assertThat(err.toString()).contains("metadata service at http://127.0.0.1:9/hetzner/v1/metadata failed");
    }

    @Test
    void nonHttpMetadataUrlIsAUsageError() throws Exception {
        FixtureHost host = offHetzner("hetzner-dhcp");

        assertThat(run(host, "facts", "--metadata-url", "file:///etc/passwd")).isEqualTo(ExitCode.USAGE.code());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("is not an http(s) URL");
    }
}
