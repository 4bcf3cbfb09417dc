package dev.reinstaller.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.testing.FakeStatusApi;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.testing.TestSshServer;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.SshHostKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unlock} against an SSH server playing the initrd's forced command; {@code status} against a ramdisk. */
class UnlockStatusTest {
    @TempDir
    Path dir;

    private CliRunner cli;
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
        cli = new CliRunner(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    private int run(String stdin, Optional<String> typed, String... args) {
        return cli.stdin(stdin).typed(typed).run(args);
    }

    /** {@code command} to the SSH server with the operator's identity, plus {@code more}. */
    private String[] on(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(server.port()),
                "--ssh-key",
                identity.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] unlock(String... more) {
        List<String> args = new ArrayList<>(List.of("--known-hosts", knownHosts.toString()));
        args.addAll(List.of(more));
        return on("unlock", args.toArray(String[]::new));
    }

    /** {@code status} through the SSH server to {@code api}, plus {@code more}. */
    private String[] status(FakeStatusApi api, String... more) {
        List<String> args = new ArrayList<>(List.of("--status-port", Integer.toString(api.port())));
        args.addAll(List.of(more));
        return on("status", args.toArray(String[]::new));
    }

    @Test
    void sendsThePassphraseAsOneLineOnStdinToAPinnedHost() {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());

        int code = run("correct horse\n", Optional.empty(), unlock("--disk-key-stdin"));

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).contains("rpool unlocked; boot continues");
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
        assertThat(cli.err()).contains("wrong passphrase?");
    }

    @Test
    void anUnknownHostKeyGetsNothing() {
        int code = run("correct horse\n", Optional.empty(), unlock("--disk-key-stdin"));

        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(cli.err()).contains("is not in " + knownHosts);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void withoutATerminalOrKeyOptionItSaysWhatToGive() {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());

        int code = run("", Optional.empty(), unlock());

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err()).contains("no terminal to ask for the pool passphrase");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void statusPrintsTheStatusAndFollowsTheEventsToTheEnd() throws Exception {
        KnownHosts.add(knownHosts, "127.0.0.1", server.port(), serverKey.publicKeyLine());
        try (FakeStatusApi api = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            int code = run("", Optional.empty(), status(api, "--known-hosts", knownHosts.toString()));

            assertThat(code).as(cli.err()).isZero();
            List<String> lines = cli.out().lines().toList();
            assertThat(lines.getFirst()).contains("\"state\":\"running\"");
            assertThat(lines).hasSize(1 + FakeStatusApi.HAPPY_RUN.size());
            assertThat(lines.getLast()).contains("\"type\":\"rebooting\"");
            assertThat(cli.err()).contains("rebooting into the new system");
            assertThat(api.posted()).isEmpty();
        }
    }

    @Test
    void statusPinsAGivenKeyAndRefusesAnother() throws Exception {
        SshHostKey other = SshHostKey.generate("other", new java.security.SecureRandom());
        try (FakeStatusApi api = new FakeStatusApi(FakeStatusApi.HAPPY_RUN, Duration.ZERO)) {
            int code = run("", Optional.empty(), status(api, "--host-key", other.fingerprint(), "--no-follow"));

            assertThat(code).isEqualTo(ExitCode.REFUSED.code());
            assertThat(cli.err()).contains("not the pinned " + other.fingerprint());
            assertThat(cli.out()).isEmpty();
        }
    }
}
