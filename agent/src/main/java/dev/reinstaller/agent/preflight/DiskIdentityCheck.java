package dev.reinstaller.agent.preflight;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.protocol.Disk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The target disk in runtime info is still the disk in sysfs: same kernel name, same size, same
 * serial. The serial is read where the kernel exposes one: virtio ({@code serial}), NVMe
 * ({@code device/serial}), SCSI (VPD page 0x80).
 */
final class DiskIdentityCheck {
    private static final long SECTOR = 512;
    private static final int VPD_HEADER = 4;

    private final HostFiles files;

    DiskIdentityCheck(HostFiles files) {
        this.files = files;
    }

    CheckResult check(Disk disk) {
        String block = "/sys/block/" + disk.name();
        if (!files.exists(block)) {
            return CheckResult.fail(
                    Preflight.TARGET_DISK, block + " does not exist: the recorded target disk is not attached");
        }
        Optional<Long> sectors = files.stripped(block + "/size").flatMap(DiskIdentityCheck::parse);
        if (sectors.isEmpty()) {
            return CheckResult.fail(Preflight.TARGET_DISK, "cannot read " + block + "/size");
        }
        long size = sectors.get() * SECTOR;
        if (size != disk.sizeBytes()) {
            return CheckResult.fail(
                    Preflight.TARGET_DISK,
                    disk.name() + " has " + size + " bytes, runtime info recorded " + disk.sizeBytes());
        }
        if (disk.serial() == null) {
            return CheckResult.pass(
                    Preflight.TARGET_DISK, disk.name() + " has the recorded " + size + " bytes (no serial recorded)");
        }
        Optional<String> serial = serial(block);
        if (serial.isEmpty()) {
            return CheckResult.warn(
                    Preflight.TARGET_DISK,
                    disk.name() + " has the recorded " + size + " bytes; its serial cannot be read from sysfs"
                            + " to compare with " + disk.serial());
        }
        if (!serial.get().equals(disk.serial())) {
            return CheckResult.fail(
                    Preflight.TARGET_DISK,
                    disk.name() + " has serial " + serial.get() + ", runtime info recorded " + disk.serial());
        }
        return CheckResult.pass(
                Preflight.TARGET_DISK,
                disk.name() + " has the recorded " + size + " bytes and serial " + disk.serial());
    }

    private Optional<String> serial(String block) {
        for (String file : List.of(block + "/serial", block + "/device/serial")) {
            Optional<String> text = files.stripped(file).filter(s -> !s.isEmpty());
            if (text.isPresent()) {
                return text;
            }
        }
        return files.readable(block + "/device/vpd_pg80")
                .filter(page -> page.length > VPD_HEADER)
                .map(page -> new String(Arrays.copyOfRange(page, VPD_HEADER, page.length), StandardCharsets.US_ASCII)
                        .replace("\0", "")
                        .strip())
                .filter(s -> !s.isEmpty());
    }

    private static Optional<Long> parse(String number) {
        try {
            return Optional.of(Long.parseLong(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
