package dev.reinstaller.agent.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.preflight.CheckResult.Status;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.BundleManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {
    @TempDir
    Path root;

    private HostTree tree;
    private FakeProcesses processes;

    @BeforeEach
    void healthyHost() {
        tree = HostTree.healthy(root);
        processes = FakeProcesses.succeeding();
    }

    private HostChecks checks() {
        return new HostChecks(new HostFiles(tree.paths()), processes);
    }

    private static BundleManifest manifest(Architecture arch) {
        BundleManifest.BundleFile file = new BundleManifest.BundleFile("0".repeat(64), 1);
        return new BundleManifest(1, arch, "k", "i", "", 1, 0, Map.of("k", file, "i", file));
    }

    @Test
    void rootWithCapSysBootPasses() {
        assertThat(checks().root()).isEqualTo(CheckResult.pass("root", "effective uid 0 with CAP_SYS_BOOT"));
    }

    @Test
    void anotherEffectiveUidFails() {
        tree.write("/proc/self/status", "Uid:\t0\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");

        assertThat(checks().root())
                .isEqualTo(CheckResult.fail("root", "effective uid is 1000; kexec needs root (uid 0)"));
    }

    @Test
    void rootWithoutCapSysBootFails() {
        tree.write("/proc/self/status", "Uid:\t0\t0\t0\t0\nCapEff:\t00000000a80425fb\n");

        CheckResult result = checks().root();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("without CAP_SYS_BOOT (CapEff 00000000a80425fb)");
    }

    @Test
    void architectureComesFromProcOrUname() {
        assertThat(checks().architecture(manifest(Architecture.X86_64), Fixtures.runtimeInfo())
                        .status())
                .isEqualTo(Status.PASS);

        tree.delete("/proc/sys/kernel/arch");
        processes = FakeProcesses.answering(argv -> new Processes.ProcessResult(argv, 0, "aarch64\n", ""));
        CheckResult result = checks().architecture(manifest(Architecture.X86_64), Fixtures.runtimeInfo());

        assertThat(processes.runs()).containsExactly(List.of("uname", "-m"));
        assertThat(result)
                .isEqualTo(CheckResult.fail("architecture", "the bundle is for x86_64, this host is aarch64"));
    }

    @Test
    void lockdownNoneePassesAndAnyOtherModeFailsWithTheReason() {
        assertThat(checks().lockdown().status()).isEqualTo(Status.PASS);

        tree.write("/sys/kernel/security/lockdown", "none [integrity] confidentiality\n");
        CheckResult result = checks().lockdown();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason())
                .isEqualTo("lockdown is integrity: a locked-down kernel only loads signed kernels (Secure Boot is on)");
    }

    @Test
    void noLockdownFileWarnsOnlyWithoutSecurityfs() {
        tree.delete("/sys/kernel/security/lockdown");
        assertThat(checks().lockdown().status()).isEqualTo(Status.PASS);

        tree.delete("/sys/kernel/security");
        assertThat(checks().lockdown().status()).isEqualTo(Status.WARN);
    }

    @Test
    void xenPvFailsAndXenHvmWarns() {
        assertThat(checks().hypervisor().status()).isEqualTo(Status.PASS);

        tree.write("/sys/hypervisor/type", "xen\n").write("/sys/hypervisor/guest_type", "PV\n");
        assertThat(checks().hypervisor())
                .isEqualTo(CheckResult.fail("hypervisor", "Xen guest of type PV: kexec under Xen PV is unsupported"));

        tree.write("/sys/hypervisor/guest_type", "HVM\n");
        assertThat(checks().hypervisor().status()).isEqualTo(Status.WARN);
    }

    @Test
    void containerEvidenceFailsAndNamesTheEvidence() {
        assertThat(checks().container().status()).isEqualTo(Status.PASS);

        tree.write("/proc/1/environ", "PATH=/bin\0container=podman\0HOME=/\0")
                .write("/.dockerenv", "")
                .write("/proc/1/cgroup", "0::/system.slice/docker-abc.scope\n");
        CheckResult result = checks().container();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason())
                .contains("container=podman in PID 1's environment")
                .contains("/.dockerenv exists")
                .contains("/proc/1/cgroup mentions docker");
    }

    @Test
    void kexecDisabledOrMissingFails() {
        assertThat(checks().kexecEnabled().status()).isEqualTo(Status.PASS);

        tree.write("/proc/sys/kernel/kexec_load_disabled", "1\n");
        assertThat(checks().kexecEnabled())
                .isEqualTo(CheckResult.fail(
                        "kexec-enabled", "kernel.kexec_load_disabled=1: kexec is off until the next boot"));

        tree.write("/proc/sys/kernel/kexec_load_disabled", "0\n")
                .write("/proc/sys/kernel/kexec_load_limit_reboot", "0\n");
        assertThat(checks().kexecEnabled().status()).isEqualTo(Status.FAIL);

        tree.delete("/proc/sys/kernel/kexec_load_limit_reboot").delete("/proc/sys/kernel/kexec_load_disabled");
        assertThat(checks().kexecEnabled().reason()).contains("no kexec support");
    }
}
