package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Cpio;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The install command end to end in-process: refusals load nothing, and the key stays out of sight. */
class InstallCommandTest {
    private static final String KEY = "correct horse battery staple";

    @TempDir
    Path root;

    Path info;
    Path bundle;
    String token;
    FakeKexec kexec;
    FakeProcesses processes;

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
        processes = FakeProcesses.succeeding();
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
    void anEndlessKeyIsRefusedAtItsCapWithoutAStackTrace() {
        CliRun fromDevice = install("", "--confirm", token, "--disk-key-file", "/dev/zero");
        CliRun fromStdin = install("k".repeat(1 << 20), "--confirm", token, "--disk-key-stdin");

        for (CliRun run : java.util.List.of(fromDevice, fromStdin)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
            assertThat(run.err()).contains("is larger than 514 bytes").doesNotContain("Exception", "\tat ");
        }
        assertThat(fromDevice.err()).contains("--disk-key-file /dev/zero");
        assertThat(fromStdin.err()).contains("--disk-key-stdin").doesNotContain("kkkkkkkk");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void aMissingKeyFileNamesTheOption() {
        CliRun run = install(
                "",
                "--confirm",
                token,
                "--disk-key-file",
                root.resolve("no-such-key").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("--disk-key-file /", "/no-such-key: cannot read it: no such file");
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
                            "\n", processes.runs().stream().map(String::valueOf).toList()))
                    .doesNotContain(form);
        }
    }

    @Test
    void afterPoweroffReachesTheLineAndTheDefaultRebootIsNotWritten() {
        CliRun poweroff = install(KEY + "\n", "--confirm", token, "--disk-key-stdin", "--after", "poweroff");
        assertThat(poweroff.exitCode()).as(poweroff.err()).isZero();
        assertThat(kexec.lastCommandLine()).contains(BootParameters.AFTER + "=poweroff");

        CliRun reboot = install(KEY + "\n", "--confirm", token, "--disk-key-stdin", "--after", "reboot");
        assertThat(reboot.exitCode()).as(reboot.err()).isZero();
        assertThat(kexec.lastCommandLine()).doesNotContain(BootParameters.AFTER);
    }

    @Test
    void anUnknownAfterIsAUsageErrorAndLoadsNothing() {
        CliRun run = install(KEY + "\n", "--confirm", token, "--disk-key-stdin", "--after", "halt");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--after takes reboot or poweroff");
        assertThat(kexec.calls()).isEmpty();
    }

    private static final String CLOSURE = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-web-1-25.05";

    @Test
    void theExtraFlakeAndTheClosureTravelAsOneLineCpioFiles() {
        CliRun run = install(
                KEY + "\n",
                "--confirm",
                token,
                "--disk-key-stdin",
                "--extra-flake",
                "github:example/hosts?dir=web",
                "--closure",
                CLOSURE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] initrd = kexec.lastInitrd();
        List<Cpio.Entry> entries = Cpio.read(Arrays.copyOfRange(initrd, 10_004, initrd.length));
        assertThat(entries)
                .filteredOn(e -> e.name().equals(BootParameters.CPIO_EXTRA_FLAKE))
                .singleElement()
                .satisfies(e -> {
                    assertThat(new String(e.data(), StandardCharsets.UTF_8))
                            .isEqualTo("github:example/hosts?dir=web\n");
                    assertThat(e.permissions()).isEqualTo(0400);
                });
        assertThat(entries)
                .filteredOn(e -> e.name().equals(BootParameters.CPIO_CLOSURE))
                .singleElement()
                .satisfies(e ->
                        assertThat(new String(e.data(), StandardCharsets.UTF_8)).isEqualTo(CLOSURE + "\n"));
        assertThat(kexec.lastCommandLine()).doesNotContain("github:example").doesNotContain(CLOSURE);
    }

    @Test
    void withoutThemNeitherFileIsAppended() {
        CliRun run = install(KEY + "\n", "--confirm", token, "--disk-key-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] initrd = kexec.lastInitrd();
        assertThat(Cpio.read(Arrays.copyOfRange(initrd, 10_004, initrd.length)))
                .extracting(Cpio.Entry::name)
                .doesNotContain(BootParameters.CPIO_EXTRA_FLAKE, BootParameters.CPIO_CLOSURE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--extra-flake=github:example/hosts dir",
                "--extra-flake=github:example/\"hosts\"",
                "--extra-flake=no-scheme",
                "--extra-flake=github:x/y;rm",
                "--closure=nix/store/0123456789abcdfghijklmnpqrsvwxyz-system",
                "--closure=/nix/store/short-system",
                "--closure=/tmp/0123456789abcdfghijklmnpqrsvwxyz-system",
                "--closure=/nix/store/0123456789abcdfghijklmnpqrsvwxyz-system/../../etc"
            })
    void aBadFlakeOrClosureIsBadInputAndLoadsNothing(String option) {
        CliRun run = install(KEY + "\n", "--confirm", token, "--disk-key-stdin", option);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).containsAnyOf("is not a flake reference", "is not a Nix store path");
        assertThat(kexec.calls()).isEmpty();
    }
}
