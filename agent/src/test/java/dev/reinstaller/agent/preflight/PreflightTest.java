package dev.reinstaller.agent.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.agent.kexec.Errno;
import dev.reinstaller.agent.kexec.KexecException;
import dev.reinstaller.agent.preflight.CheckResult.Status;
import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    private static final String LINE = Fixtures.BOOT_PARAMETERS + " reinstaller.v=1 reinstaller.info=cpio";

    @TempDir
    Path root;

    @TempDir
    Path bundleDir;

    private HostTree tree;
    private FakeKexec kexec;
    private Bundle bundle;

    @BeforeEach
    void healthyHostAndBundle() throws IOException {
        tree = HostTree.healthy(root);
        kexec = new FakeKexec();
        bundle = Bundle.open(Fixtures.bundle(bundleDir, Fixtures.bytes(5000, 1), Fixtures.bytes(9001, 2)));
    }

    private PreflightReport run(String line, Optional<byte[]> key, boolean probe) {
        Preflight preflight = new Preflight(tree.paths(), FakeProcesses.succeeding(), kexec);
        return preflight.run(new PreflightRequest(bundle, Fixtures.runtimeInfo(), line, key, probe));
    }

    private PreflightReport run() {
        return run(LINE, Optional.of("a good passphrase\n".getBytes(StandardCharsets.UTF_8)), true);
    }

    private static CheckResult check(PreflightReport report, String id) {
        return report.find(id).orElseThrow(() -> new AssertionError("no check " + id + " in " + report));
    }

    @Test
    void aHealthyHostPassesEveryCheckAndTheProbeLoadsThenUnloads() {
        PreflightReport report = run();

        assertThat(report.checks())
                .extracting(CheckResult::id)
                .containsExactly(
                        "root",
                        "architecture",
                        "lockdown",
                        "hypervisor",
                        "container",
                        "kexec-enabled",
                        "memory-load",
                        "memory-boot",
                        "bundle",
                        "command-line",
                        "passphrase",
                        "target-disk",
                        "load-probe");
        assertThat(report.checks())
                .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(Status.PASS));
        assertThat(report.passed()).isTrue();
        assertThat(kexec.calls()).containsExactly("load bzImage", "unload");
        assertThat(kexec.lastInitrd()).isEqualTo(Fixtures.bytes(9001, 2));
        assertThat(check(report, "bundle").reason()).startsWith("2 files match their SHA-256 and size");
        assertThat(check(report, "passphrase").reason()).isEqualTo("the disk key is 17 bytes on one line");
    }

    @Test
    void withoutProbeNothingIsLoadedAndWithoutAKeyThePassphraseWarns() {
        PreflightReport report = run(LINE, Optional.empty(), false);

        assertThat(report.find("load-probe")).isEmpty();
        assertThat(kexec.calls()).isEmpty();
        assertThat(check(report, "passphrase").status()).isEqualTo(Status.WARN);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void commandLineBudgetIsExactAt2016BytesWithTheNul() {
        String fits = "x".repeat(2015);
        String tooLong = "x".repeat(2016);

        assertThat(Preflight.commandLine(fits))
                .isEqualTo(CheckResult.pass("command-line", "the command line uses 2016 of 2016 bytes (with the NUL)"));
        assertThat(Preflight.commandLine(tooLong).status()).isEqualTo(Status.FAIL);
        assertThat(Preflight.commandLine(tooLong).reason())
                .isEqualTo("the command line needs 2017 of 2016 bytes (with the NUL): kexec_file_load refuses longer"
                        + " lines");
        assertThat(run(tooLong, Optional.empty(), false).passed()).isFalse();
    }

    @Test
    void aShortPassphraseFailsWithoutBeingEchoed() {
        PreflightReport report = run(LINE, Optional.of("hunter2".getBytes(StandardCharsets.UTF_8)), false);

        assertThat(check(report, "passphrase"))
                .isEqualTo(CheckResult.fail("passphrase", "the disk key is 7 bytes; ZFS accepts 8 to 512"));
        assertThat(report.summary()).doesNotContain("hunter2");
    }

    @Test
    void aTamperedBundleFailsAndTheProbeIsNotTried() throws IOException {
        Files.write(bundle.kernelPath(), Fixtures.bytes(5000, 9));

        PreflightReport report = run();

        assertThat(check(report, "bundle").status()).isEqualTo(Status.FAIL);
        assertThat(check(report, "bundle").reason())
                .startsWith("1 of 2 files do not match the manifest: bzImage: SHA-256");
        assertThat(check(report, "load-probe"))
                .isEqualTo(CheckResult.warn("load-probe", "not tried because bundle failed"));
        assertThat(kexec.calls()).isEmpty();
    }

    @Test
    void theTargetDiskMustHaveTheRecordedSizeAndSerial() {
        assertThat(check(run(), "target-disk").reason())
                .isEqualTo("sda has the recorded 42949672960 bytes and serial drive-scsi0-0-0-0");

        tree.write("/sys/block/sda/size", "41943040\n");
        assertThat(check(run(), "target-disk"))
                .isEqualTo(CheckResult.fail(
                        "target-disk", "sda has 21474836480 bytes, runtime info recorded 42949672960"));

        tree.write("/sys/block/sda/size", Long.toString(Fixtures.DISK_BYTES / 512))
                .write("/sys/block/sda/serial", "other");
        assertThat(check(run(), "target-disk"))
                .isEqualTo(CheckResult.fail(
                        "target-disk", "sda has serial other, runtime info recorded drive-scsi0-0-0-0"));

        tree.delete("/sys/block/sda/serial").delete("/sys/block/sda/device/vpd_pg80");
        assertThat(check(run(), "target-disk").status()).isEqualTo(Status.WARN);
    }

    @Test
    void aMissingTargetDiskFails() throws IOException {
        Files.walk(root.resolve("sys/block"))
                .sorted(Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());

        assertThat(check(run(), "target-disk").reason())
                .endsWith("/sys/block/sda does not exist: the recorded target disk is not attached");
    }

    @Test
    void epermInAContainerOnlyWarnsButAnImageRefusalFails() {
        tree.write("/run/.containerenv", "");
        kexec.failLoadWith(new KexecException(
                KexecException.Kind.NOT_PERMITTED,
                Errno.EPERM,
                "kexec_file_load: " + Errno.explainLoad(Errno.EPERM, 10)));

        PreflightReport inContainer = run();

        assertThat(check(inContainer, "container").status()).isEqualTo(Status.FAIL);
        assertThat(check(inContainer, "load-probe").status()).isEqualTo(Status.WARN);
        assertThat(check(inContainer, "load-probe").reason())
                .startsWith("cannot be tried in a container")
                .contains("EPERM");

        tree.delete("/run/.containerenv");
        kexec = new FakeKexec()
                .failLoadWith(new KexecException(
                        KexecException.Kind.REJECTED,
                        Errno.ENOEXEC,
                        "kexec_file_load: " + Errno.explainLoad(Errno.ENOEXEC, 10)));
        PreflightReport refused = run();

        assertThat(check(refused, "load-probe").status()).isEqualTo(Status.FAIL);
        assertThat(check(refused, "load-probe").reason()).contains("ENOEXEC");
        assertThat(refused.summary()).startsWith("1 of 13 checks failed: load-probe:");
        assertThat(kexec.calls()).containsExactly("load bzImage");
    }

    @Test
    void eachFailureIsListedInTheSummary() {
        tree.write("/proc/self/status", "Uid:\t1000\t1000\t1000\t1000\n")
                .write("/sys/kernel/security/lockdown", "none integrity [confidentiality]");

        PreflightReport report = run();

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(CheckResult::id).containsExactly("root", "lockdown");
        assertThat(check(report, "load-probe").reason()).isEqualTo("not tried because root failed");
        assertThat(report.summary())
                .contains("root: effective uid is 1000")
                .contains("lockdown: lockdown is confidentiality");
        assertThat(kexec.calls()).isEqualTo(List.of());
    }
}
