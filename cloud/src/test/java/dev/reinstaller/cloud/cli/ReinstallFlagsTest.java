package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeHetzner;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.OperatorFiles;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.protocol.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line the Terraform module builds, the result file, known_hosts and the firewall check. */
class ReinstallFlagsTest {
    private static final String FIREWALL_22_ONLY =
            "{\"id\":7,\"name\":\"ssh-only\",\"labels\":{},\"created\":\"2024-01-01T00:00:00+00:00\","
                    + "\"rules\":[{\"direction\":\"in\",\"protocol\":\"tcp\",\"port\":\"22\",\"source_ips\":[\"0.0.0.0/0\"],"
                    + "\"destination_ips\":[]}],\"applied_to\":[{\"type\":\"server\",\"server\":{\"id\":42}}]}";

    @TempDir
    Path dir;

    private CliRunner cli;
    private OperatorFiles files;
    private Path identity;

    @BeforeEach
    void setUp() throws Exception {
        files = OperatorFiles.write(dir, "home/agent");
        identity = files.identity();
        cli = new CliRunner(dir).local(RecordingProcesses.succeeding());
    }

    private int run(Map<String, String> env, String... args) {
        return cli.environment(env).run(args);
    }

    /** The Terraform command line run with the operator's files under the test's home. */
    private int runHome(List<String> args) {
        return run(Map.of("REINSTALLER_HOME", dir.resolve("home").toString()), args.toArray(String[]::new));
    }

    /** What terraform/modules/reinstall/main.tf runs, plus the test's ports. */
    private List<String> terraformLine(FakeHost host, FakeStatusApi status, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "hetzner",
                "reinstall",
                "--json",
                "--server",
                "4711",
                "--address",
                "127.0.0.1",
                "--ssh-user",
                "root",
                "--ssh-key",
                identity.toString(),
                "--known-hosts",
                dir.resolve("known_hosts").toString(),
                "--trust-first-use",
                "--bundle",
                dir.resolve("bundle").toString(),
                "--result-file",
                dir.resolve("out/result.json").toString(),
                "--ssh-port",
                Integer.toString(host.port()),
                "--status-port",
                Integer.toString(status.port())));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theTerraformCommandLineReinstallsUnlocksVerifiesAndWritesTheResult() throws Exception {
        try (FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(
                        FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()), Duration.ZERO)) {
            int initrdPort = host.startInitrd("correct horse", 1);
            List<String> args = terraformLine(
                    host,
                    status,
                    "--disk-key-command",
                    "printf '%s' 'correct horse'",
                    "--initrd-port",
                    Integer.toString(initrdPort));

            int code = runHome(args);

            assertThat(code).as(cli.err()).isZero();
            assertThat(host.keyReceived()).isEqualTo("correct horse");
            assertThat(host.unlockAttempts()).hasSize(2);
            JsonNode result = JsonMapper.builder()
                    .build()
                    .readTree(dir.resolve("out/result.json").toFile());
            JsonNode server = result.path("servers").path(0);
            assertThat(server.path("server").asText()).isEqualTo("4711");
            assertThat(server.path("serverId").asLong()).isEqualTo(4711);
            assertThat(server.path("status").asText()).isEqualTo("installed");
            assertThat(server.path("ramdiskHostKey").asText())
                    .isEqualTo(host.ramdiskKey().fingerprint());
            assertThat(server.path("sshHostKey").asText())
                    .isEqualTo(host.installedKey().fingerprint());
            assertThat(server.path("initrdHostKey").asText())
                    .isEqualTo(host.initrdKey().fingerprint());
            JsonNode verification = server.path("verification");
            assertThat(verification.path("ok").asBoolean()).isTrue();
            assertThat(verification.path("hostName").asText()).isEqualTo("web");
            assertThat(verification.path("pool").asText()).isEqualTo("ONLINE");
            assertThat(verification.path("addresses")).hasSize(2);
            assertThat(verification.path("missingAddresses")).isEmpty();
            assertThat(KnownHosts.keysFor(dir.resolve("known_hosts"), "127.0.0.1", host.port()))
                    .containsExactly(KnownHosts.typeAndBlob(host.installedKey().publicKeyLine()));
            assertThat(KnownHosts.keysFor(dir.resolve("known_hosts"), "127.0.0.1", initrdPort))
                    .containsExactly(KnownHosts.typeAndBlob(host.initrdKey().publicKeyLine()));
            assertThat(Files.readString(dir.resolve("out/result.json"))).doesNotContain("correct horse");
            assertThat(cli.err()).contains("no HCLOUD_TOKEN").contains("firewalls are not checked");
        }
    }

    @Test
    void extraFlakeAndClosureGoToTheAgentsInstall() throws Exception {
        String closure = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-web";
        try (FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            List<String> args = terraformLine(
                    host,
                    status,
                    "--disk-key-command",
                    "printf '%s' 'correct horse'",
                    "--no-unlock",
                    "--extra-flake",
                    "github:example/hosts?dir=web",
                    "--closure",
                    closure);

            int code = runHome(args);

            assertThat(code).as(cli.err()).isZero();
            assertThat(host.server().commands())
                    .filteredOn(c -> c.contains(" install "))
                    .singleElement()
                    .satisfies(c -> assertThat(c)
                            .endsWith(" --extra-flake 'github:example/hosts?dir=web' --closure '" + closure + "'"));
        }
    }

    @Test
    void aFailingKeyCommandStopsBeforeAnyConnection() throws Exception {
        try (FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            List<String> args = terraformLine(host, status, "--disk-key-command", "echo 'vault sealed' >&2; exit 4");

            int code = runHome(args);

            assertThat(code).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(cli.err()).contains("exited 4: vault sealed");
            assertThat(host.server().seen()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--agent", "--bundle"})
    void aMissingAgentOrBundleDirectoryIsNamedByItsOption(String option) {
        int code = run(
                Map.of(),
                "hetzner",
                "reinstall",
                "--server",
                "4711",
                "--address",
                "127.0.0.1",
                option,
                "/nonexistent",
                option.equals("--agent") ? "--bundle" : "--agent",
                dir.toString(),
                "--ssh-key",
                identity.toString(),
                "--disk-key-stdin");

        assertThat(code).as(cli.err()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(cli.err()).contains(option + " /nonexistent: no such directory");
    }

    /** Options that contradict each other or need what is missing; none reaches a server. */
    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(
                        List.of("--server", "4711", "--address", "127.0.0.1", "--closure", "./result"),
                        "'./result' is not a Nix store path"),
                Arguments.of(
                        List.of("--server", "1", "--address", "127.0.0.1", "--on-failure", "reset"),
                        "--on-failure reset needs HCLOUD_TOKEN"),
                Arguments.of(
                        List.of("--server", "1", "--server", "2", "--address", "127.0.0.1"),
                        "--address goes with exactly one --server"),
                Arguments.of(
                        List.of("--server", "1", "--address", "127.0.0.1", "--after", "halt"),
                        "--after takes reboot or poweroff, not halt"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void contradictoryOrIncompleteOptionsAreUsageErrors(List<String> options, String message) {
        List<String> args = new ArrayList<>(List.of("hetzner", "reinstall"));
        args.addAll(options);
        args.add("--disk-key-stdin");

        int code = run(Map.of(), args.toArray(String[]::new));

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).contains(message);
    }

    @Test
    void aFirewallWithout2222IsRefusedByName() throws Exception {
        try (FakeHetzner api = new FakeHetzner()) {
            api.server(42, "web-1", "127.0.0.1");
            api.firewalls(FIREWALL_22_ONLY);

            int code = cli.hetzner(api, Map.of()).run(CliRunner.reinstall(files, "--server", "42", "--disk-key-stdin"));

            assertThat(code).isEqualTo(ExitCode.REFUSED.code());
            assertThat(cli.err())
                    .contains("server web-1 (42): firewall ssh-only (7) lets no TCP in on port 2222")
                    .contains("--skip-firewall-check");
        }
    }

    @Test
    void skippingTheFirewallCheckGoesOn() throws Exception {
        try (FakeHetzner api = new FakeHetzner();
                FakeHost host = new FakeHost(dir.resolve("host"), "web", files.clientKey());
                FakeStatusApi status = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            api.server(4711, "web-1", "192.0.2.1");
            api.firewalls(FIREWALL_22_ONLY);
            Path keyFile = dir.resolve("disk-key");
            Files.writeString(keyFile, "correct horse\n");
            List<String> args = terraformLine(
                    host, status, "--disk-key-file", keyFile.toString(), "--skip-firewall-check", "--no-unlock");

            int code = cli.hetzner(
                            api, Map.of("REINSTALLER_HOME", dir.resolve("home").toString()))
                    .run(args.toArray(String[]::new));

            assertThat(code).as(cli.err()).isZero();
            assertThat(cli.err()).contains("firewall check skipped");
            assertThat(api.count("GET", "/firewalls")).isZero();
            assertThat(cli.out()).contains("\"server\":\"web-1\"");
        }
    }
}
