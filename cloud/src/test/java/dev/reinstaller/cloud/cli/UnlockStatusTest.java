package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.hetzner.tomsdevsn.TomsdevsnHetznerApi;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.mina.MinaSsh;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.testing.TestSshServer;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.SshHostKey;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlock} against an SSH server playing the initrd's forced command; {@code status} against a ramdisk. */
class UnlockStatusTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path identity;
    private SshHostKey serverKey;
    private TestSshServer server;
    private Path knownHosts;

    /** What host.nix's forced command does, by its exit codes. */
    private static Reply initrd(String command, byte[] stdin) {
        String line = new String(stdin, StandardCharsets.UTF_8);
        if (line.isEmpty()) {
            return new Reply(2, "", "no passphrase on stdin\n", false);
        }
        return line.equals("correct horse\n")
                ? Reply.ok("rpool unlocked; boot continues\n")
                : new Reply(1, "", "zfs load-key rpool failed: wrong passphrase?\n", false);
    }

    @BeforeEach
    void setUp() throws Exception {
        identity = dir.resolve("id_ed25519");
        SshHostKey client = TestKeys.write(identity, "operator");
        serverKey = TestKeys.write(dir.resolve("initrd_host_key"), "initrd@web");
        Files.createDirectories(dir.resolve("root"));
        server = new TestSshServer(
                dir.resolve("initrd_host_key"), client.publicKeyLine(), dir.resolve("root"), UnlockStatusTest::initrd);
        knownHosts = dir.resolve("known_hosts");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private int run(String stdin, Optional<String> typed, String... args) {
        Waiter waiter = Waiter.system();
        TokenBucket budget = new TokenBucket(3600, 100, waiter);
        return new Main(new CloudContext(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        Map.of(),
                        dir,
                        waiter,
                        config -> TomsdevsnHetznerApi.create(config, budget, waiter, Duration.ofSeconds(5)),
                        MinaSsh::new,
                        false,
                        question -> typed.map(String::toCharArray),
                        dev.reinstaller.cloud.testing.RecordingProcesses.none()))
                .run(args);
    }

    private String[] unlock(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "unlock",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(server.port()),
                "--ssh-key",
                identity.toString(),
                "--known-hosts",
                knownHosts.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void sendsThePassphraseAsOneLineOnStdinToAPinnedHost() {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());

        int code = run("correct horse\n", Optional.empty(), unlock("--disk-key-stdin"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("rpool unlocked; boot continues");
        assertThat(server.seen()).singleElement().satisfies(seen -> {
            assertThat(new String(seen.stdin(), StandardCharsets.UTF_8)).isEqualTo("correct horse\n");
            assertThat(seen.command()).doesNotContain("correct horse");
        });
    }

    @Test
    void aKeyFileWithoutNewlineAndAPromptBothBecomeOneLine() throws Exception {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());
        Path keyFile = dir.resolve("disk-key");
        Files.writeString(keyFile, "correct horse");

        assertThat(run("", Optional.empty(), unlock("--disk-key-file", keyFile.toString())))
                .isZero();
        assertThat(run("", Optional.of("correct horse"), unlock())).isZero();
        assertThat(server.seen())
                .extracting(s -> new String(s.stdin(), StandardCharsets.UTF_8))
                .containsExactly("correct horse\n", "correct horse\n");
    }

    @Test
    void aWrongPassphraseIsBadInputWithTheInitrdsWords() {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());

        int code = run("", Optional.empty(), unlock("--disk-key-command", "echo wrong horse"));

        assertThat(code).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(err.toString()).contains("wrong passphrase?");
    }

    @Test
    void anUnknownHostKeyGetsNothing() {
        int code = run("correct horse\n", Optional.empty(), unlock("--disk-key-stdin"));

        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(err.toString()).contains("is not in " + knownHosts);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void withoutATerminalOrKeyOptionItSaysWhatToGive() {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());

        int code = run("", Optional.empty(), unlock());

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("no terminal to ask for the pool passphrase");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void statusPrintsTheStatusAndFollowsTheEventsToTheEnd() throws Exception {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());
        try (FakeStatusApi api = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            int code = run(
                    "",
                    Optional.empty(),
                    "status",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(server.port()),
                    "--status-port",
                    Integer.toString(api.port()),
                    "--ssh-key",
                    identity.toString(),
                    "--known-hosts",
                    knownHosts.toString());

            assertThat(code).as(err.toString()).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines.getFirst()).contains("\"state\":\"running\"");
            assertThat(lines).hasSize(1 + FakeStatusApi.HAPPY_RUN.size());
            assertThat(lines.getLast()).contains("\"type\":\"rebooting\"");
            assertThat(err.toString()).contains("rebooting into the new system");
            assertThat(api.posted()).isEmpty();
        }
    }

    @Test
    void statusPinsAGivenKeyAndRefusesAnother() throws Exception {
        SshHostKey other = SshHostKey.generate("other", new java.security.SecureRandom());
        try (FakeStatusApi api = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            int code = run(
                    "",
                    Optional.empty(),
                    "status",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(server.port()),
                    "--status-port",
                    Integer.toString(api.port()),
                    "--ssh-key",
                    identity.toString(),
                    "--host-key",
                    other.fingerprint(),
                    "--no-follow");

            assertThat(code).isEqualTo(ExitCode.REFUSED.code());
            assertThat(err.toString()).contains("not the pinned " + other.fingerprint());
            assertThat(out.toString()).isEmpty();
        }
    }
}
