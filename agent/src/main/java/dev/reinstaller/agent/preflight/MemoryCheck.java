package dev.reinstaller.agent.preflight;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.protocol.BundleManifest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The two memory budgets, from {@code /proc/meminfo} and the bundle manifest's sizes.
 *
 * <ul>
 *   <li>Loading, on this host: the initrd twice (once in our memfd, once staged by the kernel), the
 *       kernel, and the appended cpio must fit {@code MemAvailable}.
 *   <li>Booting, in the new kernel: {@code MemTotal} (which leaves out the kernel's image and its page
 *       array, here as there) minus {@link #kernelReserve} must hold the unpacked initrd and the
 *       larger of the compressed initrd (freed once unpacked, before anything runs) and the
 *       installer's working set. Unless the boot parameters say {@code rootfstype=ramfs}, the initrd
 *       unpacks into a tmpfs that the kernel caps at half of its memory at that moment (MemTotal
 *       without the compressed initrd, still reserved): an image larger than that is left half
 *       unpacked, and the ramdisk fails in confusing ways, so that is a failure too.
 * </ul>
 *
 * Short is a failure with both numbers in MiB; less than 10 % headroom is a warning.
 */
final class MemoryCheck {
    static final long MIB = 1024 * 1024;
    /** Allowance for the appended cpio: runtime info and keys are a few KiB, this is generous. */
    static final long CPIO_ALLOWANCE = MIB;
    /**
     * What the new kernel and the ramdisk's daemons hold besides the unpacked initrd and the installer
     * (slabs, page tables, module memory such as ZFS's, udevd, sshd) grows with the memory: the
     * testbed's ramdisk measured 40 MiB of MemTotal 344 MiB and 113 MiB of 973 MiB, 11.6 % both times
     * (scripts/bench-testbed --memory). The reserve is an eighth of MemTotal, at least
     * {@link #KERNEL_RESERVE_MIN}.
     */
    static final int KERNEL_RESERVE_DIVISOR = 8;

    static final long KERNEL_RESERVE_MIN = 64 * MIB;
    /** The boot parameter that makes the initramfs's root a ramfs, which has no size cap. */
    static final String RAMFS_ROOT = "rootfstype=ramfs";

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
        long initrd = manifest.files().get(manifest.initrd()).size();
        long unpacked = manifest.initrdUnpackedBytes();
        if (!ramfsRoot(manifest)) {
            long cap = Math.max(0, total.get() - initrd) / 2;
            if (unpacked > cap) {
                return CheckResult.fail(
                        Preflight.MEMORY_BOOT,
                        "the initrd unpacks to " + mib(unpacked) + ", more than the initramfs's tmpfs holds: "
                                + mib(cap) + ", half of MemTotal " + mib(total.get()) + " without the "
                                + mib(initrd) + " initrd; a bundle booted with " + RAMFS_ROOT
                                + " has no such cap");
            }
        }
        long reserve = kernelReserve(total.get());
        long usable = Math.max(0, total.get() - reserve);
        long working = manifest.workingSetBytes();
        long need = unpacked + Math.max(initrd, working);
        String detail = mib(unpacked) + " unpacked initrd + "
                + (working >= initrd
                        ? mib(working) + " working set"
                        : mib(initrd) + " compressed initrd while unpacking");
        return judge(
                Preflight.MEMORY_BOOT,
                need,
                detail,
                usable,
                "MemTotal " + mib(total.get()) + " minus " + mib(reserve) + " for the new kernel");
    }

    static long kernelReserve(long memTotal) {
        return Math.max(KERNEL_RESERVE_MIN, memTotal / KERNEL_RESERVE_DIVISOR);
    }

    private static boolean ramfsRoot(BundleManifest manifest) {
        return Arrays.asList(manifest.bootParameters().split("\\s+")).contains(RAMFS_ROOT);
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
