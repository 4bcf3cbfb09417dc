package dev.reinstaller.agent.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.preflight.CheckResult.Status;
import dev.reinstaller.agent.testing.HostTree;
import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.BundleManifest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCheckTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path root;

    /** A 100 MiB initrd that unpacks to 300 MiB, a 15 MiB kernel, a 200 MiB working set. */
    private static BundleManifest manifest() {
        return manifest("", 200);
    }

    private static BundleManifest manifest(String bootParameters, long workingSetMib) {
        return new BundleManifest(
                1,
                Architecture.X86_64,
                "bzImage",
                "initrd",
                bootParameters,
                300 * MIB,
                workingSetMib * MIB,
                Map.of(
                        "bzImage", new BundleManifest.BundleFile("0".repeat(64), 15 * MIB),
                        "initrd", new BundleManifest.BundleFile("1".repeat(64), 100 * MIB)));
    }

    private MemoryCheck check(long totalMib, long availableMib) {
        HostTree tree = HostTree.healthy(root).meminfo(totalMib, availableMib);
        return new MemoryCheck(new HostFiles(tree.paths()));
    }

    @Test
    void loadingNeedsTwiceTheInitrdPlusKernelAndCpio() {
        // 2 × 100 + 15 + 1 = 216 MiB
        CheckResult enough = check(4096, 1000).whileLoading(manifest());
        CheckResult tight = check(4096, 230).whileLoading(manifest());
        CheckResult shortOf = check(4096, 200).whileLoading(manifest());

        assertThat(enough.status()).isEqualTo(Status.PASS);
        assertThat(enough.reason())
                .isEqualTo("needs 216.0 MiB (2 × 100.0 MiB initrd + 15.0 MiB kernel + 1.0 MiB cpio),"
                        + " 1000.0 MiB available (MemAvailable)");
        assertThat(tight.status()).isEqualTo(Status.WARN);
        assertThat(tight.reason()).startsWith("less than 10 % headroom: needs 216.0 MiB");
        assertThat(shortOf.status()).isEqualTo(Status.FAIL);
        assertThat(shortOf.reason())
                .startsWith("short of 16.0 MiB: needs 216.0 MiB")
                .contains("200.0 MiB available (MemAvailable)");
    }

    @Test
    void theNewKernelMustHoldTheUnpackedInitrdAndTheWorkingSet() {
        // need 300 + max(100, 200) = 500 MiB; usable MemTotal - max(64 MiB, MemTotal / 8)
        CheckResult oneGib = check(1024, 900).afterBoot(manifest());
        assertThat(oneGib.status()).isEqualTo(Status.PASS);
        assertThat(oneGib.reason())
                .isEqualTo("needs 500.0 MiB (300.0 MiB unpacked initrd + 200.0 MiB working set),"
                        + " 896.0 MiB available (MemTotal 1024.0 MiB minus 128.0 MiB for the new kernel)");

        BundleManifest ramfs = manifest("init=/init rootfstype=ramfs quiet", 200);
        CheckResult small = check(540, 500).afterBoot(ramfs);
        assertThat(small.status()).isEqualTo(Status.FAIL);
        assertThat(small.reason())
                .startsWith("short of 27.5 MiB: needs 500.0 MiB")
                .contains("472.5 MiB available (MemTotal 540.0 MiB minus 67.5 MiB for the new kernel)");

        // 620 - 77.5 = 542.5 MiB usable: within 10 % of 500
        assertThat(check(620, 550).afterBoot(ramfs).status()).isEqualTo(Status.WARN);
        // a small machine keeps the 64 MiB floor: 400 - 64 = 336 MiB usable
        assertThat(check(400, 350).afterBoot(manifest("rootfstype=ramfs", 30)).reason())
                .contains("336.0 MiB available (MemTotal 400.0 MiB minus 64.0 MiB for the new kernel)");
    }

    @Test
    void aWorkingSetSmallerThanTheInitrdLeavesTheUnpackingAsTheNeed() {
        // the compressed initrd and its unpacked files are both held until unpacking ends: 300 + 100
        CheckResult result = check(1024, 900).afterBoot(manifest("", 50));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.reason())
                .startsWith(
                        "needs 400.0 MiB (300.0 MiB unpacked initrd + 100.0 MiB compressed initrd while unpacking)");
    }

    @Test
    void withoutRamfsTheUnpackedInitrdMustFitHalfOfTheMemoryWhileUnpacking() {
        // tmpfs cap (540 - 100) / 2 = 220 MiB < 300 MiB unpacked, although 476 MiB would hold the rest
        CheckResult tmpfs = check(540, 500).afterBoot(manifest("init=/init", 100));
        assertThat(tmpfs.status()).isEqualTo(Status.FAIL);
        assertThat(tmpfs.reason())
                .isEqualTo("the initrd unpacks to 300.0 MiB, more than the initramfs's tmpfs holds: 220.0 MiB,"
                        + " half of MemTotal 540.0 MiB without the 100.0 MiB initrd; a bundle booted with"
                        + " rootfstype=ramfs has no such cap");

        assertThat(check(540, 500)
                        .afterBoot(manifest("init=/init rootfstype=ramfs", 100))
                        .status())
                .isEqualTo(Status.PASS);
        // (700 - 100) / 2 = 300 MiB: just fits
        assertThat(check(700, 650).afterBoot(manifest("init=/init", 100)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void unreadableMeminfoFails() {
        HostTree tree = HostTree.healthy(root).delete("/proc/meminfo");
        MemoryCheck check = new MemoryCheck(new HostFiles(tree.paths()));

        assertThat(check.whileLoading(manifest()).reason()).isEqualTo("cannot read MemAvailable from /proc/meminfo");
        assertThat(check.afterBoot(manifest()).status()).isEqualTo(Status.FAIL);
    }
}
