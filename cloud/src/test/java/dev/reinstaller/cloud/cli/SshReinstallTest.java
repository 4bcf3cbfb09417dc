package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.OperatorFiles;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.protocol.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reinstaller ssh reinstall --host}: the whole path against a real SSH server (MINA) playing the
 * old host, the ramdisk, the initrd and the installed system, with no Hetzner API at all (no token, no
 * endpoint); the old host's key pinned from known_hosts, or trusted on first use only when asked and
 * then said in the output.
 */
class SshReinstallTest {
    private static final String PASSPHRASE = "correct horse";

    @TempDir
    Path dir;

    private CliRunner cli;
    private OperatorFiles files;
    private Path knownHosts;

    @BeforeEach
    void setUp() throws Exception {
        files = OperatorFiles.write(dir, "home/agent");
        knownHosts = dir.resolve("known_hosts");
        cli = new CliRunner(dir).local(RecordingProcesses.succeeding()).environment(Map.of());
    }

    private List<String> line(FakeHost host, FakeStatusApi status, int initrdPort, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "ssh",
                "reinstall",
                "--host",
                "127.0.0.1",
                "--json",
                "--agent",
                files.agent().toString(),
                "--bundle",
                files.bundle().toString(),
                "--ssh-key",
                files.identity().toString(),
                "--known-hosts",
                knownHosts.toString(),
                "--disk-key-command",
                "printf '%s' '" + PASSPHRASE + "'",
                "--ssh-port",
                Integer.toString(host.port()),
                "--status-port",
                Integer.toString(status.port()),
                "--initrd-port",
                Integer.toString(initrdPort)));
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode summary(String out) throws Exception {
        String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
        return JsonMapper.builder().build().readTree(last).path("servers").path(0);
    }

    @Test
    void aPinnedHostIsReinstalledUnlockedAndVerifiedWithNoApi() throws Exception {
        try (FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(
                        FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()), Duration.ZERO)) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);
            KnownHosts.add(knownHosts, "127.0.0.1", host.port(), host.oldKey().publicKeyLine());

            int code = cli.run(line(host, status, initrdPort).toArray(String[]::new));

            assertThat(code).as(cli.err()).isZero();
            JsonNode server = summary(cli.out());
            assertThat(server.path("server").asText()).isEqualTo("127.0.0.1");
            assertThat(server.path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(server.has("serverId")).isFalse();
            assertThat(server.path("result").asText()).isEqualTo("ok");
            assertThat(server.path("verification").path("ok").asBoolean()).isTrue();
            assertThat(server.has("note")).as(server.toString()).isFalse();
            assertThat(host.keyReceived()).isEqualTo(PASSPHRASE);
            assertThat(cli.out() + cli.err()).doesNotContain("first use", PASSPHRASE);
            assertThat(host.server().commands())
                    .anyMatch(c -> c.contains(" plan ") && !c.contains("--disk-only-confirmation"));
            assertThat(KnownHosts.keysFor(knownHosts, "127.0.0.1", host.port()))
                    .containsExactly(KnownHosts.typeAndBlob(host.installedKey().publicKeyLine()));
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeAnythingRunsUnlessTrustedOnFirstUse() throws Exception {
        try (FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(
                        FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()), Duration.ZERO)) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);

            int refused = cli.run(line(host, status, initrdPort).toArray(String[]::new));

            assertThat(refused).isEqualTo(ExitCode.REFUSED.code());
            assertThat(summary(cli.out()).path("message").asText())
                    .contains("is not in " + knownHosts, "pass --trust-first-use");
            assertThat(host.server().seen()).isEmpty();

            int trusted = cli.run(line(host, status, initrdPort, "--trust-first-use", "--disk-only-confirmation")
                    .toArray(String[]::new));

            assertThat(trusted).as(cli.err()).isZero();
            String fingerprint = host.oldKey().fingerprint();
            assertThat(summary(cli.out()).path("note").asText())
                    .isEqualTo("old host key " + fingerprint + " trusted on first use");
            assertThat(cli.out()).contains("trusted the old host's key " + fingerprint + " on first use");
            assertThat(cli.err()).contains("--disk-only-confirmation: on a host without a DMI serial or UUID");
            assertThat(host.server().commands())
                    .anyMatch(c -> c.contains(" plan ") && c.contains(" --disk-only-confirmation"))
                    .anyMatch(c -> c.contains(" install ") && c.contains(" --disk-only-confirmation"));
        }
    }

    @Test
    void aBadHostOrValueIsAUsageErrorBeforeAnyConnection() {
        int spaced = cli.run(
                "ssh",
                "reinstall",
                "--host",
                "root@web 1",
                "--agent",
                files.agent().toString());
        int after = cli.run("ssh", "reinstall", "--host", "192.0.2.1", "--after", "halt");

        assertThat(spaced).isEqualTo(ExitCode.USAGE.code());
        assertThat(after).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err())
                .contains("--host 'root@web 1': not a host name or IP address")
                .contains("--after takes reboot or poweroff, not halt");
    }

    @Test
    void theHelpSaysWhatNeedsAnApiIsNotDone() {
        int code = cli.run("ssh", "reinstall", "--help");

        assertThat(code).isZero();
        assertThat(cli.out().replaceAll("\\s+", " "))
                .contains("no firewall check", "no --on-failure recovery", "--trust-first-use", "--host=ADDRESS")
                .doesNotContain("--on-failure=", "--server=", "--selector=");
    }
}
