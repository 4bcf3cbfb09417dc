package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.RecordingProcesses;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.After;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reinstall after the installer's end: the closure copied while the installer waits for it, the
 * new initrd unlocked on its port with its reported key pinned, and the installed host verified on
 * its port with its reported key pinned. In-process MINA servers stand in for the initrd and the host.
 */
class AfterInstallTest {
    static final String CLOSURE = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-web-1";
    static final String PASSPHRASE = "correct horse";

    @TempDir
    Path dir;

    private ServiceRig rig;

    @BeforeEach
    void setUp() throws Exception {
        rig = new ServiceRig(dir);
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private ReinstallService service(
            FakeStatusApi api, FakeHost host, int initrdPort, Optional<String> closure, LocalProcesses local) {
        return rig.service(
                api.port(),
                host.port(),
                new ServiceRig.Setup(closure, true, initrdPort, local, ServiceRig.deadlines(3, 4)));
    }

    private FakeHost host() throws Exception {
        return new FakeHost(dir.resolve("h"), "web-1", rig.files().clientKey());
    }

    private ServerOutcome reinstall(FakeHost host, int initrdPort, List<String> events) throws Exception {
        try (FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            return service(api, host, initrdPort, Optional.empty(), RecordingProcesses.none())
                    .reinstall(ServiceRig.server(1, "web-1"), PASSPHRASE.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void unlocksTheNewInitrdAndVerifiesTheInstalledHostWithTheirKeysPinned() throws Exception {
        try (FakeHost host = host()) {
            int initrdPort = host.startInitrd(PASSPHRASE, 2);

            ServerOutcome outcome =
                    reinstall(host, initrdPort, FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()));

            assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Done.class, done -> {
                Verification v = done.verification().orElseThrow();
                assertThat(v.ok()).isTrue();
                assertThat(v.hostName()).isEqualTo("web-1");
                assertThat(v.pool()).isEqualTo("ONLINE");
                assertThat(v.found())
                        .containsExactly(FakeHost.MAC + " 203.0.113.10/32", FakeHost.MAC + " 2001:db8:1234::1/64");
            });
            assertThat(host.unlockAttempts())
                    .hasSize(3)
                    .allSatisfy(a -> assertThat(a).isEqualTo("reinstaller-unlock <" + PASSPHRASE + ">"));
            assertThat(host.server().commands())
                    .containsSubsequence("hostname", "zpool list -H -o name,health rpool", "ip -j addr");
            assertThat(KnownHosts.keysFor(rig.knownHosts(), "127.0.0.1", initrdPort))
                    .containsExactly(KnownHosts.typeAndBlob(host.initrdKey().publicKeyLine()));
            assertThat(rig.seen()).anyMatch(s -> s.startsWith("web-1 unlock: unlocked through"));
            assertThat(rig.seen()).contains("web-1 verify: host web-1, rpool ONLINE, 2 of 2 addresses");
        }
    }

    @Test
    void aPoweredOffHostIsInstalledButNeitherUnlockedNorVerified() throws Exception {
        try (FakeHost host = host()) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);
            List<String> events =
                    new java.util.ArrayList<>(FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()));
            events.set(events.size() - 1, "{\"type\":\"powering-off\",\"reason\":\"installed\",\"inSeconds\":5}");
            ServerOutcome outcome;
            try (FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
                outcome = rig.service(
                                api.port(),
                                host.port(),
                                new ServiceRig.Setup(
                                        Optional.empty(),
                                        true,
                                        initrdPort,
                                        RecordingProcesses.none(),
                                        ServiceRig.deadlines(3, 4),
                                        After.POWEROFF))
                        .reinstall(ServiceRig.server(1, "web-1"), PASSPHRASE.getBytes(StandardCharsets.UTF_8));
            }

            assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Done.class, done -> {
                assertThat(done.verification()).isEmpty();
                assertThat(done.note()).endsWith("; powered off as asked (--after poweroff): not unlocked or verified");
                assertThat(done.key(InstalledKey.SSH)).isPresent();
            });
            assertThat(host.unlockAttempts()).isEmpty();
            assertThat(host.server().commands())
                    .anyMatch(c -> c.contains(" install ") && c.endsWith(" --after poweroff"))
                    .noneMatch(c -> c.equals("hostname"));
        }
    }

    @Test
    void aWrongPassphraseIsBadInputInTheUnlockStage() throws Exception {
        try (FakeHost host = host()) {
            int initrdPort = host.startInitrd("another passphrase", 0);

            ServerOutcome outcome =
                    reinstall(host, initrdPort, FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.UNLOCK, ServerOutcome.Kind.BAD_INPUT);
            assertThat(failed.message()).contains("refused the passphrase").contains("wrong passphrase");
            assertThat(failed.planned()).isPresent();
        }
    }

    @Test
    void anInitrdThatNeverAnswersTimesOutSayingWhere() throws Exception {
        try (FakeHost host = host()) {
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }

            ServerOutcome outcome =
                    reinstall(host, closedPort, FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.UNLOCK, ServerOutcome.Kind.TIMEOUT);
            assertThat(failed.message())
                    .startsWith("unlock the pool through the new initrd at web-1 (127.0.0.1:" + closedPort
                            + "): no result within 4 s");
        }
    }

    @Test
    void anInitrdWithAnotherKeyIsRefused() throws Exception {
        try (FakeHost host = host()) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);
            var other = dev.reinstaller.protocol.SshHostKey.generate("other", new java.security.SecureRandom());

            ServerOutcome outcome = reinstall(host, initrdPort, FakeStatusApi.happyRun(host.installedKey(), other));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.UNLOCK, ServerOutcome.Kind.REFUSED);
            assertThat(host.unlockAttempts()).isEmpty();
        }
    }

    @Test
    void anInstalledHostThatDiffersFromRuntimeInfoFailsVerification() throws Exception {
        try (FakeHost host = host()) {
            int initrdPort = host.startInitrd(PASSPHRASE, 0);
            host.on("hostname", stdin -> Reply.ok("nixos\n"));
            host.on("ip -j addr", stdin -> Reply.ok(FakeHost.ipAddr().replace("203.0.113.10", "203.0.113.99")));

            ServerOutcome outcome =
                    reinstall(host, initrdPort, FakeStatusApi.happyRun(host.installedKey(), host.initrdKey()));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.VERIFY, ServerOutcome.Kind.REMOTE);
            assertThat(failed.message())
                    .contains("host name is 'nixos', expected 'web-1'")
                    .contains("addresses missing: " + FakeHost.MAC + " 203.0.113.10/32");
        }
    }

    @Test
    void theClosureIsCopiedWithTheRamdiskKeyPinnedWhenTheInstallerWaitsForIt() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> knownHostsSeen =
                new java.util.concurrent.atomic.AtomicReference<>();
        RecordingProcesses nix = new RecordingProcesses(List.of("copying path " + CLOSURE), call -> {
            String options = call.environment().get("NIX_SSHOPTS");
            Path knownHosts = Path.of(options.split("UserKnownHostsFile=")[1].split(" ")[0]);
            try {
                knownHostsSeen.set(Files.readString(knownHosts));
                return new LocalProcesses.Ended.Exited(0, List.of());
            } catch (java.io.IOException e) {
                return new LocalProcesses.Ended.Exited(1, List.of(e.toString()));
            }
        });
        List<String> events = List.of(
                "{\"type\":\"phase-started\",\"phase\":\"install\"}",
                "{\"type\":\"waiting\",\"phase\":\"install\",\"what\":\"system closure " + CLOSURE
                        + " in /mnt/nix/store (nix copy ...)\",\"deadline\":\"2099-01-01T00:00:00Z\"}",
                "{\"type\":\"run-completed\",\"phases\":[\"install\"]}");
        try (FakeHost host = host();
                FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            ServerOutcome outcome = service(api, host, 2222, Optional.of(CLOSURE), nix)
                    .reinstall(ServiceRig.server(1, "web-1"), PASSPHRASE.getBytes(StandardCharsets.UTF_8));

            assertThat(outcome).isInstanceOf(ServerOutcome.Done.class);
            assertThat(host.server().commands())
                    .anyMatch(c -> c.contains(" install ") && c.endsWith(" --closure '" + CLOSURE + "'"));
            RecordingProcesses.Call call = nix.calls().getFirst();
            assertThat(call.argv())
                    .containsExactly(
                            "nix",
                            "--extra-experimental-features",
                            "nix-command",
                            "copy",
                            "--no-check-sigs",
                            "--to",
                            "ssh-ng://root@127.0.0.1?remote-store=local?root=/mnt",
                            CLOSURE);
            assertThat(call.environment().get("NIX_SSHOPTS"))
                    .matches("-o UserKnownHostsFile=\\S+/known_hosts -o GlobalKnownHostsFile=/dev/null"
                            + " -o StrictHostKeyChecking=yes -o BatchMode=yes -p " + host.port() + " -i "
                            + rig.files().identity());
            assertThat(call.deadline()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
            assertThat(rig.seen())
                    .contains(
                            "web-1 closure output: copying path " + CLOSURE,
                            "web-1 closure: copied " + CLOSURE + " into /mnt/nix/store of web-1 (127.0.0.1:"
                                    + host.port() + ")");
            assertThat(nix.calls()).hasSize(1);
            assertThat(knownHostsSeen.get())
                    .isEqualTo("[127.0.0.1]:" + host.port() + " "
                            + KnownHosts.typeAndBlob(host.ramdiskKey().publicKeyLine()) + "\n");
            String options = call.environment().get("NIX_SSHOPTS");
            assertThat(Path.of(options.split("UserKnownHostsFile=")[1].split(" ")[0]))
                    .doesNotExist();
        }
    }

    @Test
    void aFailedCopyStopsInTheClosureStageWithNixsLastLines() throws Exception {
        RecordingProcesses nix = new RecordingProcesses(
                List.of(), call -> new LocalProcesses.Ended.Exited(1, List.of("error: cannot connect to 'root@x'")));
        List<String> events = List.of("{\"type\":\"waiting\",\"phase\":\"install\",\"what\":\"system closure " + CLOSURE
                + " in /mnt/nix/store\",\"deadline\":\"2099-01-01T00:00:00Z\"}");
        try (FakeHost host = host();
                FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            ServerOutcome outcome = service(api, host, 2222, Optional.of(CLOSURE), nix)
                    .reinstall(ServiceRig.server(1, "web-1"), PASSPHRASE.getBytes(StandardCharsets.UTF_8));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.CLOSURE, ServerOutcome.Kind.FAILED);
            assertThat(failed.message())
                    .contains("exited 1; last lines: error: cannot connect to 'root@x'")
                    .contains("the copy can be run by hand");
        }
    }
}
