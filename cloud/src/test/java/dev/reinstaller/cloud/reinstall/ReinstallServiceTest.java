package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeHost;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.SshHostKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReinstallServiceTest {
    static final List<String> HAPPY = FakeStatusApi.HAPPY_RUN;

    @TempDir
    Path dir;

    private ServiceRig rig;
    private String clientKey;

    @BeforeEach
    void setUp() throws Exception {
        rig = new ServiceRig(dir);
        clientKey = rig.files().clientKey();
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private ReinstallService service(FakeStatusApi api, Map<Long, Integer> ports) {
        return service(api, ports, ServiceRig.Setup.plain());
    }

    private ReinstallService service(FakeStatusApi api, Map<Long, Integer> ports, ServiceRig.Setup setup) {
        return rig.service(api.port(), s -> ports.get(s.serverId().orElseThrow()), setup);
    }

    private FakeHost web1() throws Exception {
        return new FakeHost(dir.resolve("h1"), "web-1", clientKey);
    }

    /** Reinstalls web-1 (server 1) on {@code host} with {@code diskKey}. */
    private ServerOutcome reinstallWeb1(FakeStatusApi api, FakeHost host, String diskKey) {
        return service(api, Map.of(1L, host.port()))
                .reinstall(server(1, "web-1"), diskKey.getBytes(StandardCharsets.UTF_8));
    }

    private static Host server(long id, String name) {
        return ServiceRig.server(id, name);
    }

    @Test
    void theAgentsReasonIsItsLastLineThatIsNotAWarning() {
        String stderr = "reinstaller-agent: refused: 1 of 12 checks failed: memory-boot: short of 13.5 MiB\n"
                + "reinstaller-agent: warning: metadata: public-keys not understood\n\n";

        assertThat(ReinstallService.reason(stderr, "none"))
                .isEqualTo("refused: 1 of 12 checks failed: memory-boot: short of 13.5 MiB");
        assertThat(ReinstallService.reason("reinstaller-agent: warning: only this\n", "none"))
                .isEqualTo("warning: only this");
        assertThat(ReinstallService.reason(" \n", "none")).isEqualTo("none");
    }

    @Test
    void reinstallsThroughTheKexecAndFollowsTheInstaller() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ofMillis(5))) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse\n");

            assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Done.class, done -> {
                assertThat(done.ramdiskHostKey()).isEqualTo(host.ramdiskKey().fingerprint());
                assertThat(done.hostKeys())
                        .extracting(InstalledKey::toString)
                        .containsExactly("ssh ssh-ed25519 SHA256:abc");
            });
            assertThat(host.keyReceived()).isEqualTo("correct horse\n");
            assertThat(host.server().commands()).noneMatch(c -> c.contains("correct horse"));
            assertThat(rig.seen())
                    .contains(
                            "web-1 preflight output: PASS root           running as root",
                            "web-1 plan: confirmation token " + FakeHost.TOKEN,
                            "web-1 event rebooting");
            assertThat(rig.seen()).anyMatch(s -> s.startsWith("web-1 install: disconnected (kexec)"));
            assertThat(Files.readString(rig.knownHosts()))
                    .contains(KnownHosts.typeAndBlob(host.oldKey().publicKeyLine()));
            assertThat(Files.exists(dir.resolve("h1/root/var/tmp/reinstaller/agent/reinstaller-agent")))
                    .isTrue();
            assertThat(Files.exists(dir.resolve("h1/root/var/tmp/reinstaller/bundle/manifest.json")))
                    .isTrue();
        }
    }

    @Test
    void theInstalledKeysReplaceTheOldAndRamdiskEntriesInKnownHosts() throws Exception {
        SshHostKey installed = SshHostKey.generate("root@web-1", new java.security.SecureRandom());
        SshHostKey initrd = SshHostKey.generate("initrd@web-1", new java.security.SecureRandom());
        Path knownHosts = rig.knownHosts();
        Files.writeString(knownHosts, "other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther\n");
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(FakeStatusApi.happyRun(installed, initrd), Duration.ZERO)) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            assertThat(outcome).isInstanceOfSatisfying(ServerOutcome.Done.class, done -> {
                assertThat(done.key(InstalledKey.SSH).orElseThrow().sha256()).isEqualTo(installed.fingerprint());
                assertThat(done.key(InstalledKey.INITRD).orElseThrow().publicKey())
                        .isPresent();
            });
            assertThat(KnownHosts.keysFor(knownHosts, "127.0.0.1", host.port()))
                    .containsExactly(KnownHosts.typeAndBlob(installed.publicKeyLine()));
            assertThat(KnownHosts.keysFor(knownHosts, "127.0.0.1", 2222))
                    .containsExactly(KnownHosts.typeAndBlob(initrd.publicKeyLine()));
            assertThat(Files.readString(knownHosts)).startsWith("other.example ssh-ed25519");
            assertThat(rig.seen()).anyMatch(s -> s.contains("known hosts") && s.contains("[127.0.0.1]:2222"));
        }
    }

    @Test
    void theRamdiskKeyIsRecordedNextToTheOldOneWhileItInstalls() throws Exception {
        Path knownHosts = rig.knownHosts();
        List<String> events = List.of(
                "{\"type\":\"phase-failed\",\"phase\":\"zfs\",\"category\":\"permanent\",\"message\":\"x\",\"pointOfNoReturnPassed\":true}");
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            assertThat(outcome).isInstanceOf(ServerOutcome.Failed.class);
            assertThat(KnownHosts.keysFor(knownHosts, "127.0.0.1", host.port()))
                    .containsExactly(
                            KnownHosts.typeAndBlob(host.oldKey().publicKeyLine()),
                            KnownHosts.typeAndBlob(host.ramdiskKey().publicKeyLine()));
        }
    }

    @Test
    void aRefusedPreflightStopsBeforeInstall() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            host.on(
                    "preflight",
                    stdin -> new Reply(
                            3,
                            "{\"checks\":[{\"id\":\"lockdown\",\"status\":\"FAIL\",\"reason\":\"kernel is locked down\"}]}",
                            "reinstaller-agent: preflight failed\n",
                            false));

            ServerOutcome outcome = reinstallWeb1(api, host, "k".repeat(10));

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.PREFLIGHT, ServerOutcome.Kind.REFUSED);
            assertThat(failed.message()).isEqualTo("preflight refused web-1 (1): preflight failed");
            assertThat(rig.seen()).anyMatch(s -> s.contains("FAIL lockdown       kernel is locked down"));
            assertThat(host.server().commands()).noneMatch(c -> c.contains(" install "));
        }
    }

    @Test
    void sendsTheKeyWhenTheInstallerWaitsForIt() throws Exception {
        List<String> events = List.of(
                "{\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"disk key (POST /disk-key or the console)\",\"deadline\":\"2030-01-01T00:00:00Z\"}",
                "{\"type\":\"waiting\",\"phase\":\"confirm\",\"what\":\"confirmation token (POST /confirm)\",\"deadline\":\"2030-01-01T00:00:00Z\"}",
                "{\"type\":\"run-completed\",\"phases\":[\"params\",\"confirm\"]}");
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            assertThat(outcome).isInstanceOf(ServerOutcome.Done.class);
            assertThat(api.posted()).containsExactly("/disk-key correct horse", "/confirm " + FakeHost.TOKEN);
        }
    }

    @Test
    void anInstallerFailureSaysWhichPhase() throws Exception {
        List<String> events = List.of(
                "{\"type\":\"phase-started\",\"phase\":\"zfs\"}",
                "{\"type\":\"phase-failed\",\"phase\":\"zfs\",\"category\":\"permanent\",\"message\":\"zpool create failed\",\"pointOfNoReturnPassed\":true}");
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(events, Duration.ZERO)) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.FOLLOW, ServerOutcome.Kind.REMOTE);
            assertThat(failed.message())
                    .startsWith(
                            "installer on web-1 (1): phase zfs failed (permanent): zpool create failed (after the point of no return");
        }
    }

    @Test
    void anOldHostKeyTrustedOnFirstUseIsSaidInTheStageAndTheOutcome() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            String fingerprint = host.oldKey().fingerprint();
            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ServerOutcome.Done.class,
                            done -> assertThat(done.note())
                                    .isEqualTo("old host key " + fingerprint + " trusted on first use"));
            assertThat(rig.seen())
                    .contains("web-1 connect: trusted the old host's key " + fingerprint
                            + " on first use (--trust-first-use) and recorded it in " + rig.knownHosts());
        }
    }

    @Test
    void aPinnedOldHostKeyIsNotReportedAsTrustedOnFirstUse() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            KnownHosts.add(
                    rig.knownHosts(), "127.0.0.1", host.port(), host.oldKey().publicKeyLine());

            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ServerOutcome.Done.class,
                            done -> assertThat(done.note()).isEmpty());
            assertThat(rig.seen()).noneMatch(s -> s.contains("first use"));
        }
    }

    @Test
    void aChangedOldHostKeyIsRefusedBeforeAnythingRuns() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            SshHostKey stale = SshHostKey.generate("stale", new java.security.SecureRandom());
            KnownHosts.add(rig.knownHosts(), "127.0.0.1", host.port(), stale.publicKeyLine());

            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.CONNECT, ServerOutcome.Kind.REFUSED);
            assertThat(failed.message()).contains("changed");
            assertThat(host.server().seen()).isEmpty();
        }
    }

    @Test
    void aRamdiskThatNeverAnswersTimesOutNamingTheStage() throws Exception {
        try (FakeHost host = web1();
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            SshHostKey other = SshHostKey.generate("other", new java.security.SecureRandom());
            host.on(
                    "install",
                    stdin -> new Reply(0, "{\"ramdiskHostKey\":\"" + other.publicKeyLine() + "\"}", "", true));

            ServerOutcome outcome = reinstallWeb1(api, host, "correct horse");

            ServerOutcome.Failed failed = ServiceRig.failed(outcome, Stage.RAMDISK, ServerOutcome.Kind.TIMEOUT);
            assertThat(failed.message())
                    .startsWith(
                            "reach the ramdisk of web-1 (127.0.0.1:" + host.port() + ") by SSH: no result within 3 s");
            assertThat(failed.message()).contains("the old system still answers");
        }
    }

    @Test
    void aFleetKeepsGoingWhenOneServerFails() throws Exception {
        try (FakeHost a = new FakeHost(dir.resolve("a"), "a", clientKey);
                FakeHost b = new FakeHost(dir.resolve("b"), "b", clientKey);
                FakeHost c = new FakeHost(dir.resolve("c"), "c", clientKey);
                FakeStatusApi api = new FakeStatusApi(HAPPY, Duration.ZERO)) {
            b.on("plan", stdin -> new Reply(6, "", "reinstaller-agent: cannot read lsblk output\n", false));
            Fleet fleet = new Fleet(service(api, Map.of(1L, a.port(), 2L, b.port(), 3L, c.port())), 2);

            List<ServerOutcome> outcomes = fleet.run(
                    List.of(server(1, "a"), server(2, "b"), server(3, "c")),
                    () -> "correct horse".getBytes(StandardCharsets.UTF_8));

            assertThat(outcomes)
                    .extracting(o -> o.getClass().getSimpleName())
                    .containsExactly("Done", "Failed", "Done");
            String table = Fleet.summary(outcomes);
            assertThat(table).contains("2 of 3 servers reinstalled");
            assertThat(table)
                    .containsPattern(
                            "b \\(2\\)\\s+bad_input\\s+plan\\s+\\d+s\\s+reinstaller-agent plan on b \\(2\\) exited 6: cannot read lsblk output");
        }
    }
}
