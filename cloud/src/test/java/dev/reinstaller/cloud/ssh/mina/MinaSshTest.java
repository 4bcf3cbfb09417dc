package dev.reinstaller.cloud.ssh.mina;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.ssh.Tunnel;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.FreezingRelay;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.testing.TestSshServer;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.SshHostKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinaSshTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private MinaSsh ssh;
    private TestSshServer server;
    private SshHostKey hostKey;
    private SshTarget target;
    private Path root;

    @BeforeEach
    void start() throws Exception {
        Path identity = dir.resolve("id_ed25519");
        SshHostKey client = TestKeys.write(identity, "operator");
        Path hostKeyFile = dir.resolve("host_key");
        hostKey = TestKeys.write(hostKeyFile, "old-host");
        root = Files.createDirectories(dir.resolve("remote"));
        server = new TestSshServer(hostKeyFile, client.publicKeyLine(), root, (command, stdin) -> Reply.ok(""));
        ssh = new MinaSsh();
        target = new SshTarget("web-1", "127.0.0.1", server.port(), "root", List.of(identity));
    }

    @AfterEach
    void stop() throws IOException {
        ssh.close();
        server.close();
    }

    private SshSession pinned() {
        return ssh.connect(target, new HostKeyPolicy.Pinned(hostKey.publicKeyLine(), Optional.empty()), DEADLINE);
    }

    @Test
    void execSendsStdinAndKeepsItOutOfTheCommand() {
        server.handler((command, stdin) -> new Reply(3, "got " + stdin.length + " bytes\n", "warn\n", false));

        try (SshSession session = pinned()) {
            ExecResult result = session.exec(
                    "reinstaller-agent install --disk-key-stdin",
                    "s3cret-passphrase\n".getBytes(StandardCharsets.UTF_8),
                    DEADLINE);

            assertThat(result).isEqualTo(new ExecResult.Exited(3, "got 18 bytes\n", "warn\n"));
        }
        assertThat(server.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.command()).doesNotContain("s3cret");
            assertThat(new String(seen.stdin(), StandardCharsets.UTF_8)).isEqualTo("s3cret-passphrase\n");
        });
    }

    @Test
    void aDroppedConnectionIsReportedAsDisconnectedWithTheOutputSoFar() {
        server.handler((command, stdin) -> new Reply(0, "{\"ramdiskHostKey\":\"ssh-ed25519 AAAA\"}\n", "", true));

        try (SshSession session = pinned()) {
            ExecResult result = session.exec("reinstaller-agent install", new byte[0], DEADLINE);

            assertThat(result)
                    .isInstanceOfSatisfying(
                            ExecResult.Disconnected.class,
                            d -> assertThat(d.stdout()).contains("ramdiskHostKey"));
            assertThat(session.isOpen()).isFalse();
        }
    }

    @Test
    void aHostThatVanishesWithoutClosingIsDisconnectedAfterTheMissedHeartbeatsNotAtTheDeadline() throws Exception {
        CountDownLatch testDone = new CountDownLatch(1);
        try (FreezingRelay relay = new FreezingRelay(server.port());
                MinaSsh beating = new MinaSsh(Duration.ofMillis(200), 3)) {
            server.handler((command, stdin) -> {
                relay.freeze();
                try {
                    // The remote command runs on (the host "kexecs") until the test is over.
                    testDone.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reply.ok("");
            });
            SshTarget relayed = new SshTarget("web-1", "127.0.0.1", relay.port(), "root", target.identities());
            try (SshSession session = beating.connect(
                    relayed, new HostKeyPolicy.Pinned(hostKey.publicKeyLine(), Optional.empty()), DEADLINE)) {
                long started = System.nanoTime();

                ExecResult result = session.exec("reinstaller-agent install", new byte[0], Duration.ofMinutes(1));

                assertThat(result).isInstanceOf(ExecResult.Disconnected.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                assertThat(session.isOpen()).isFalse();
            }
        } finally {
            testDone.countDown();
        }
    }

    @Test
    void uploadsOnlyWhatDiffers() throws IOException {
        Path local = Files.createDirectories(dir.resolve("dist/reinstaller-agent/bin"));
        Files.writeString(local.resolve("reinstaller-agent"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(local.resolve("reinstaller-agent"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(dir.resolve("dist/reinstaller-agent/lib.jar"), new byte[200_000]);
        Path tree = dir.resolve("dist/reinstaller-agent");

        try (SshSession session = pinned()) {
            SyncReport first = session.sync(tree, "/opt/reinstaller/agent", DEADLINE);
            SyncReport second = session.sync(tree, "/opt/reinstaller/agent", DEADLINE);
            Files.writeString(local.resolve("reinstaller-agent"), "#!/bin/sh\necho changed\n");
            SyncReport third = session.sync(tree, "/opt/reinstaller/agent", DEADLINE);

            assertThat(first.uploaded()).containsExactly("bin/reinstaller-agent", "lib.jar");
            assertThat(first.bytesSent()).isEqualTo(200_018);
            assertThat(second.uploaded()).isEmpty();
            assertThat(second.bytesSent()).isZero();
            assertThat(second.skipped()).containsExactly("bin/reinstaller-agent", "lib.jar");
            assertThat(third.uploaded()).containsExactly("bin/reinstaller-agent");
        }
        Path remote = root.resolve("opt/reinstaller/agent/bin/reinstaller-agent");
        assertThat(Files.readString(remote)).contains("changed");
        assertThat(Files.isExecutable(remote)).isTrue();
        assertThat(Files.exists(root.resolve("opt/reinstaller/agent/lib.jar.part")))
                .isFalse();
    }

    @Test
    void trustOnFirstUseRecordsTheKeyAndAChangedKeyAborts() throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        HostKeyPolicy tofu = new HostKeyPolicy.KnownHostsFile(knownHosts, true);

        try (SshSession session = ssh.connect(target, tofu, DEADLINE)) {
            assertThat(session.hostKey()).isEqualTo(KnownHosts.typeAndBlob(hostKey.publicKeyLine()));
        }
        assertThat(Files.readString(knownHosts))
                .isEqualTo(
                        "[127.0.0.1]:" + server.port() + " " + KnownHosts.typeAndBlob(hostKey.publicKeyLine()) + "\n");

        SshHostKey other = SshHostKey.generate("impostor", new java.security.SecureRandom());
        Files.writeString(
                knownHosts,
                "[127.0.0.1]:" + server.port() + " " + KnownHosts.typeAndBlob(other.publicKeyLine()) + "\n");
        assertThatThrownBy(() -> ssh.connect(target, tofu, DEADLINE))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY))
                .hasMessageContaining("host key of web-1 (127.0.0.1:" + server.port() + ") changed")
                .hasMessageContaining(other.fingerprint())
                .hasMessageContaining(hostKey.fingerprint());
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void anUnknownHostIsRefusedWithoutTrustOnFirstUse() {
        assertThatThrownBy(() ->
                        ssh.connect(target, new HostKeyPolicy.KnownHostsFile(dir.resolve("none"), false), DEADLINE))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY))
                .hasMessageContaining("is not in");
    }

    @Test
    void aPinnedKeyMustMatchByLineOrFingerprint() {
        try (SshSession session =
                ssh.connect(target, new HostKeyPolicy.Pinned(hostKey.fingerprint(), Optional.empty()), DEADLINE)) {
            assertThat(session.isOpen()).isTrue();
        }
        SshHostKey other = SshHostKey.generate("ramdisk", new java.security.SecureRandom());
        assertThatThrownBy(() -> ssh.connect(
                        target, new HostKeyPolicy.Pinned(other.publicKeyLine(), Optional.empty()), DEADLINE))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.HOST_KEY))
                .hasMessageContaining("not the pinned " + other.fingerprint());
    }

    @Test
    void tunnelsToAnAddressOnTheServerSide() throws Exception {
        try (FakeStatusApi api = new FakeStatusApi(List.of(), Duration.ZERO);
                SshSession session = pinned();
                Tunnel tunnel = session.forward("127.0.0.1", api.port());
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> status = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tunnel.localPort() + "/status"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(tunnel.localPort()).isNotEqualTo(api.port());
            assertThat(status.body()).contains("\"state\":\"running\"");
        }
    }

    @Test
    void aWrongIdentityIsAnAuthenticationFailure() throws IOException {
        Path stranger = dir.resolve("stranger");
        TestKeys.write(stranger, "stranger");
        SshTarget wrong = new SshTarget("web-1", "127.0.0.1", server.port(), "root", List.of(stranger));

        assertThatThrownBy(() -> ssh.connect(
                        wrong, new HostKeyPolicy.Pinned(hostKey.publicKeyLine(), Optional.empty()), DEADLINE))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.AUTH));
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> ssh.connect(
                        target.withPort(closed),
                        new HostKeyPolicy.Pinned(hostKey.fingerprint(), Optional.empty()),
                        DEADLINE))
                .isInstanceOfSatisfying(
                        SshException.class, e -> assertThat(e.kind()).isEqualTo(SshException.Kind.UNREACHABLE))
                .hasMessageStartingWith("connect to web-1 (127.0.0.1:" + closed + ")");
    }
}
