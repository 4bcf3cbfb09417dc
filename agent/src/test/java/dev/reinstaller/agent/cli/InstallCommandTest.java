package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.agent.testing.RecordingProcesses;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install command end to end in-process: refusals load nothing, and the key stays out of sight. */
class InstallCommandTest {
    private static final String KEY = "correct horse battery staple";

    @TempDir
    Path root;

    Path info;
    Path bundle;
    String token;
    FakeKexec kexec;
    RecordingProcesses processes;

    @BeforeEach
    void fixture() throws Exception {
        HostTree.healthy(root);
        RuntimeInfo runtimeInfo = Fixtures.runtimeInfo();
        token = ConfirmationToken.of(runtimeInfo);
        info = root.resolve("info.json");
        Files.write(info, RuntimeInfoJson.toBytes(runtimeInfo));
        bundle = Fixtures.bundle(
                Files.createDirectories(root.resolve("bundle")), Fixtures.bytes(4096, 1), Fixtures.bytes(10_001, 2));
        kexec = new FakeKexec();
        processes = RecordingProcesses.succeeding();
    }

    private CliRun install(String stdin, String... extra) {
        String[] args =
                new String[] {"install", "--no-reboot", "--info", info.toString(), "--bundle", bundle.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.run(root, processes, kexec, stdin, all);
    }

    @Test
    void wrongTokenIsRefusedBeforeAnythingIsLoaded() {
        CliRun run = install(KEY + "\n", "--confirm", "51234567:other-disk:1", "--disk-key-stdin");
        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("confirmation token does not match");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void missingTokenWithoutTerminalIsRefused() {
        CliRun run = install(KEY + "\n", "--disk-key-stdin");
        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("--confirm TOKEN is required");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void shortKeyIsBadInputAndLoadsNothing() {
        CliRun run = install("short\n", "--confirm", token, "--disk-key-stdin");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(kexec.calls()).isEmpty();
        assertThat(run.err()).doesNotContain("short");
    }

    @Test
    void loadsWithTheKeyOnlyInTheInitrdCpio() {
        CliRun run = install(KEY + "\n", "--json", "--confirm", token, "--disk-key-stdin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(kexec.calls()).isNotEmpty();
        assertThat(run.out()).contains("ramdiskHostKeyFingerprint").contains("SHA256:");
        String line = kexec.lastCommandLine();
        assertThat(line).contains("reinstaller.confirm=" + token);
        String initrd = new String(kexec.lastInitrd(), StandardCharsets.ISO_8859_1);
        assertThat(initrd).contains("reinstaller/disk-key").contains(KEY).contains("OPENSSH PRIVATE KEY");
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        for (String form : new String[] {
            KEY, Base64.getEncoder().encodeToString(key), HexFormat.of().formatHex(key)
        }) {
            assertThat(line).doesNotContain(form);
            assertThat(run.out()).doesNotContain(form);
            assertThat(run.err()).doesNotContain(form);
            assertThat(String.join(
                            "\n",
                            processes.argvs().stream().map(String::valueOf).toList()))
                    .doesNotContain(form);
        }
    }
}
