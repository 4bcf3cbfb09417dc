package dev.reinstaller.agent.preflight;

import dev.reinstaller.agent.system.HostFiles;
import dev.reinstaller.protocol.BundleManifest;
import java.util.Locale;
import java.util.Optional;

/**
 * The two memory budgets, from {@code /proc/meminfo} and the bundle manifest's sizes.
 *
 * <ul>
 *   <li>Loading, on this host: the initrd twice (once in our memfd, once staged by the kernel), the
 *       kernel, and the appended cpio must fit {@code MemAvailable}.
 *   <li>Booting, in the new kernel: {@code MemTotal} minus what that kernel keeps for itself
 *       ({@link #KERNEL_RESERVE_FIXED} plus 1/64 of RAM for its page tables) must hold the compressed
 *       initrd (freed only after unpacking), the unpacked initrd and the installer's working set.
 * </ul>
 *
 * Short is a failure with both numbers in MiB; less than 10 % headroom is a warning.
 */
final class MemoryCheck {
    static final long MIB = 1024 * 1024;
    /** Allowance for the appended cpio: runtime info and keys are a few KiB, this is generous. */
    static final long CPIO_ALLOWANCE = MIB;
    /** What the new kernel keeps before anything is unpacked: its image, slabs, reserved regions. */
    static final long KERNEL_RESERVE_FIXED = 128 * MIB;
    /** The new kernel's per-page overhead (struct page, 64 bytes per 4 KiB page). */
    static final int PAGE_OVERHEAD_DIVISOR = 64;

    private final HostFiles files;

    MemoryCheck(HostFiles files) {
        this.files = files;
    }

    CheckResult whileLoading(BundleManifest manifest) {
        Optional<Long> available = meminfo("MemAvailable:");
        if (available.isEmpty()) {
            return CheckResult.fail(Preflight.MEMORY_LOAD, "cannot read MemAvailable from /proc/meminfo");
        }
        long initrd = manifest.files().get(manifest.initrd()).size();
        long kernel = manifest.files().get(manifest.kernel()).size();
        long need = 2 * initrd + kernel + CPIO_ALLOWANCE;
        String detail =
                "2 × " + mib(initrd) + " initrd + " + mib(kernel) + " kernel + " + mib(CPIO_ALLOWANCE) + " cpio";
        return judge(Preflight.MEMORY_LOAD, need, detail, available.get(), "MemAvailable");
    }

    CheckResult afterBoot(BundleManifest manifest) {
        Optional<Long> total = meminfo("MemTotal:");
        if (total.isEmpty()) {
            return CheckResult.fail(Preflight.MEMORY_BOOT, "cannot read MemTotal from /proc/meminfo");
        }
        long reserve = kernelReserve(total.get());
        long usable = Math.max(0, total.get() - reserve);
        long initrd = manifest.files().get(manifest.initrd()).size();
        long need = initrd + manifest.initrdUnpackedBytes() + manifest.workingSetBytes();
        String detail = mib(initrd) + " initrd + " + mib(manifest.initrdUnpackedBytes()) + " unpacked + "
                + mib(manifest.workingSetBytes()) + " working set";
        return judge(
                Preflight.MEMORY_BOOT,
                need,
                detail,
                usable,
                "MemTotal " + mib(total.get()) + " minus " + mib(reserve) + " for the new kernel");
    }

    static long kernelReserve(long memTotal) {
        return KERNEL_RESERVE_FIXED + memTotal / PAGE_OVERHEAD_DIVISOR;
    }

    static CheckResult judge(String id, long need, String needDetail, long have, String haveDetail) {
        String numbers =
                "needs " + mib(need) + " (" + needDetail + "), " + mib(have) + " available (" + haveDetail + ")";
        if (need > have) {
            return CheckResult.fail(id, "short of " + mib(need - have) + ": " + numbers);
        }
        if (need * 10 > have * 9) {
            return CheckResult.warn(id, "less than 10 % headroom: " + numbers);
        }
        return CheckResult.pass(id, numbers);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    /** A {@code /proc/meminfo} value in bytes (the file says kB, meaning KiB). */
    private Optional<Long> meminfo(String key) {
        return files.stripped("/proc/meminfo")
                .flatMap(text -> text.lines()
                        .filter(line -> line.startsWith(key))
                        .findFirst()
                        .map(line -> line.substring(key.length()).strip().split("\\s+")[0])
                        .flatMap(MemoryCheck::parseKib));
    }

    private static Optional<Long> parseKib(String number) {
        try {
            return Optional.of(Long.parseLong(number) * 1024);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
