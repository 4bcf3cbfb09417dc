package dev.reinstaller.agent.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.agent.preflight.CheckResult.Status;
import dev.reinstaller.agent.system.HostFiles;
import dev.reinstaller.agent.testing.HostTree;
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
        return new BundleManifest(
                1,
                Architecture.X86_64,
                "bzImage",
                "initrd",
                "",
                300 * MIB,
                200 * MIB,
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
    void theNewKernelMustHoldCompressedAndUnpackedInitrdAndWorkingSet() {
        // need 100 + 300 + 200 = 600 MiB; reserve 128 MiB + total/64
        CheckResult oneGib = check(1024, 900).afterBoot(manifest());
        assertThat(oneGib.status()).isEqualTo(Status.PASS);
        assertThat(oneGib.reason())
                .isEqualTo("needs 600.0 MiB (100.0 MiB initrd + 300.0 MiB unpacked + 200.0 MiB working set),"
                        + " 880.0 MiB available (MemTotal 1024.0 MiB minus 144.0 MiB for the new kernel)");

        // 700 - 128 - 10.9375 = 561.1 MiB usable
        CheckResult small = check(700, 650).afterBoot(manifest());
        assertThat(small.status()).isEqualTo(Status.FAIL);
        assertThat(small.reason())
                .startsWith("short of 38.9 MiB: needs 600.0 MiB")
                .contains("561.1 MiB available");

        // 780 - 128 - 12.1875 = 639.8 MiB usable: within 10 %
        assertThat(check(780, 700).afterBoot(manifest()).status()).isEqualTo(Status.WARN);
    }

    @Test
    void unreadableMeminfoFails() {
        HostTree tree = HostTree.healthy(root).delete("/proc/meminfo");
        MemoryCheck check = new MemoryCheck(new HostFiles(tree.paths()));

        assertThat(check.whileLoading(manifest()).reason()).isEqualTo("cannot read MemAvailable from /proc/meminfo");
        assertThat(check.afterBoot(manifest()).status()).isEqualTo(Status.FAIL);
    }
}
