package dev.reinstaller.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.agent.kexec.Errno;
import dev.reinstaller.agent.kexec.KexecException;
import dev.reinstaller.agent.kexec.KexecReboot;
import dev.reinstaller.agent.preflight.Preflight;
import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Cpio;
import dev.reinstaller.protocol.KernelCommandLine;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallServiceTest {
    private static final String KEY = "Tr0ub4dor&3-horse-staple";
    private static final byte[] HOST_KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-host-key\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INITRD = Fixtures.bytes(10_001, 2);
    private static final InstallOptions LOAD_ONLY = new InstallOptions(Optional.empty(), false, true, false);

    @TempDir
    Path root;

    @TempDir
    Path bundleDir;

    private final RuntimeInfo info = Fixtures.runtimeInfo();
    private final List<String> progress = new ArrayList<>();
    private final FakeProcesses processes = FakeProcesses.succeeding();
    private final FakeKexec kexec = new FakeKexec();
    private HostTree tree;
    private Bundle bundle;

    @BeforeEach
    void healthyHost() throws IOException {
        tree = HostTree.healthy(root);
        bundle = Bundle.open(Fixtures.bundle(bundleDir, Fixtures.bytes(5000, 1), INITRD));
    }

    private InstallOutcome install(String token, String key, InstallOptions options) {
        Preflight preflight = new Preflight(tree.paths(), processes, kexec);
        KexecReboot reboot =
                new KexecReboot(tree.paths(), processes, kexec, Duration.ofSeconds(60), d -> {}, progress::add);
        InstallService service = new InstallService(preflight, kexec, reboot, progress::add);
        return service.install(new InstallRequest(
                info, bundle, token, key.getBytes(StandardCharsets.UTF_8), Optional.of(HOST_KEY.clone()), options));
    }

    private String token() {
        return ConfirmationToken.of(info);
    }

    @Test
    void aWrongTokenIsRefusedBeforeAnythingIsLoaded() {
        InstallOutcome outcome = install("51234567:drive-scsi0-0-0-0:1", KEY, LOAD_ONLY);

        assertThat(outcome).isInstanceOf(InstallOutcome.Refused.class);
        assertThat(outcome.message())
                .startsWith("refused: the confirmation token does not match: this is machine 51234567 with disk sda");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void aMissingTokenIsRefused() {
        assertThat(install(null, KEY, LOAD_ONLY).message()).startsWith("refused: no confirmation token given");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void aShortOrMultiLineKeyIsBadInputBeforeAnythingIsLoaded() {
        InstallOutcome shortKey = install(token(), "short", LOAD_ONLY);
        InstallOutcome twoLines = install(token(), "first line\nsecond line", LOAD_ONLY);

        assertThat(shortKey).isEqualTo(new InstallOutcome.BadInput("the disk key is 5 bytes; ZFS accepts 8 to 512"));
        assertThat(twoLines).isInstanceOf(InstallOutcome.BadInput.class);
        assertThat(twoLines.message()).doesNotContain("first line");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void aFailedPreflightIsRefusedWithTheReportAndNothingIsLoaded() {
        tree.meminfo(512, 100);

        InstallOutcome outcome = install(token(), KEY, LOAD_ONLY);

        assertThat(outcome).isInstanceOfSatisfying(InstallOutcome.Refused.class, refused -> {
            assertThat(refused.report()).isPresent();
            assertThat(refused.report().get().failures())
                    .extracting(c -> c.id())
                    .containsExactly("memory-boot");
        });
        assertThat(outcome.message()).contains("1 of 12 checks failed: memory-boot: ");
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void theKeyTravelsOnlyInTheAppendedCpio() {
        InstallOutcome outcome = install(token(), KEY + "\n", LOAD_ONLY);

        assertThat(outcome).isInstanceOf(InstallOutcome.Loaded.class);
        assertThat(kexec.calls()).containsExactly("load bzImage");
        String line = kexec.lastCommandLine();
        assertThat(line)
                .startsWith(Fixtures.BOOT_PARAMETERS + " reinstaller.v=1 ")
                .contains("reinstaller.confirm=" + token())
                .doesNotContain(KEY)
                .doesNotContain("secret-host-key");
        assertThat(KernelCommandLine.fits(line)).isTrue();

        byte[] initrd = kexec.lastInitrd();
        assertThat(Arrays.copyOf(initrd, INITRD.length)).isEqualTo(INITRD);
        List<Cpio.Entry> entries = Cpio.read(Arrays.copyOfRange(initrd, 10_004, initrd.length));
        assertThat(entries)
                .extracting(Cpio.Entry::name)
                .containsExactly("reinstaller", BootParameters.CPIO_DISK_KEY, BootParameters.CPIO_HOST_KEY);
        assertThat(entries.get(1).data()).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(entries.get(1).permissions()).isEqualTo(0400);
        assertThat(entries.get(2).data()).isEqualTo(HOST_KEY);

        assertThat(String.join("\n", progress)).doesNotContain(KEY).doesNotContain("secret-host-key");
        assertThat(processes.runs())
                .allSatisfy(argv -> assertThat(String.join(" ", argv)).doesNotContain(KEY));
        assertThat(outcome.toString()).doesNotContain(KEY);
    }

    @Test
    void forcedCpioMovesRuntimeInfoOffTheLineAndTheDeadlineIsPassed() {
        InstallOutcome outcome =
                install(token(), KEY, new InstallOptions(Optional.of(Duration.ofSeconds(1200)), true, false, false));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        InstallOutcome.Loaded.class,
                        loaded -> assertThat(loaded.infoInCpio()).isTrue());
        assertThat(kexec.lastCommandLine())
                .contains("reinstaller.info=cpio")
                .contains("reinstaller.deadline=1200")
                .doesNotContain("reinstaller.confirm");
        byte[] initrd = kexec.lastInitrd();
        assertThat(Cpio.read(Arrays.copyOfRange(initrd, 10_004, initrd.length)))
                .extracting(Cpio.Entry::name)
                .contains(BootParameters.CPIO_INFO, BootParameters.CPIO_DISK_KEY);
    }

    @Test
    void aLoadFailureIsAFailureWithTheKernelsReason() {
        kexec.failLoadWith(new KexecException(
                KexecException.Kind.REJECTED, Errno.EKEYREJECTED, Errno.explainLoad(Errno.EKEYREJECTED, 100)));

        InstallOutcome outcome = install(token(), KEY, LOAD_ONLY);

        assertThat(outcome).isInstanceOf(InstallOutcome.Failed.class);
        assertThat(outcome.message()).startsWith("failed: the signature check failed (EKEYREJECTED)");
    }

    @Test
    void aRebootThatReturnsUnloadsTheImageWithTheSecrets() {
        InstallOutcome outcome = install(token(), KEY, InstallOptions.defaults());

        assertThat(kexec.calls()).containsExactly("load bzImage", "reboot", "unload");
        assertThat(outcome).isInstanceOf(InstallOutcome.Failed.class);
        assertThat(outcome.message())
                .isEqualTo("failed: the reboot into the loaded kernel failed: fake reboot does not reboot;"
                        + " the image was unloaded");
    }

    @Test
    void theKeyIsFoundAsBytes() {
        byte[] line = "a b c secret-key d".getBytes(StandardCharsets.UTF_8);

        assertThat(InstallService.contains(line, "secret-key".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(InstallService.contains(line, "secret-kex".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void theInitrdOnDiskIsUnchanged() throws IOException {
        install(token(), KEY, LOAD_ONLY);

        assertThat(Files.readAllBytes(bundle.initrdPath())).isEqualTo(INITRD);
        try (var files = Files.list(bundleDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bzImage", "initrd", "manifest.json");
        }
    }
}
