package dev.reinstaller.installer.hardware;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Disks from {@code /sys/block}, read without udev (the ramdisk may have no by-id links yet). Only
 * reads; nothing here opens a device node.
 */
public final class BlockDevices {
    private static final Set<String> VIRTUAL_PREFIXES =
            Set.of("loop", "ram", "zram", "sr", "fd", "dm-", "md", "nbd", "zd");

    private final InstallerPaths paths;

    public BlockDevices(InstallerPaths paths) {
        this.paths = paths;
    }

    /** Kernel names under {@code /sys/block}, sorted. */
    public List<String> names() {
        Path dir = paths.resolve("/sys/block");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Disks that could hold a system: not virtual, not removable, not empty. */
    public List<LiveDisk> candidates() {
        return names().stream()
                .filter(n -> VIRTUAL_PREFIXES.stream().noneMatch(n::startsWith))
                .map(this::disk)
                .flatMap(Optional::stream)
                .filter(d -> !d.removable() && d.sizeBytes() > 0)
                .toList();
    }

    public Optional<LiveDisk> disk(String name) {
        Path dir = paths.resolve("/sys/block").resolve(name);
        if (name.contains("/") || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        long sectors =
                SysFiles.text(dir.resolve("size")).map(BlockDevices::parseLong).orElse(0L);
        return Optional.of(new LiveDisk(
                name,
                serial(dir).orElse(null),
                SysFiles.text(dir.resolve("wwid"))
                        .or(() -> SysFiles.text(dir.resolve("device/wwid")))
                        .orElse(null),
                sectors * 512,
                SysFiles.text(dir.resolve("device/model")).orElse(null),
                driver(dir).orElse(null),
                SysFiles.text(dir.resolve("removable")).filter("1"::equals).isPresent(),
                partitions(dir, name)));
    }

    private static Optional<String> serial(Path dir) {
        return SysFiles.text(dir.resolve("serial"))
                .or(() -> SysFiles.text(dir.resolve("device/serial")))
                .or(() -> SysFiles.bytes(dir.resolve("device/vpd_pg80")).flatMap(BlockDevices::unitSerial));
    }

    /** The SCSI Unit Serial Number page (0x80): 4 header bytes, then the serial, space padded. */
    static Optional<String> unitSerial(byte[] page) {
        if (page.length < 4 || (page[1] & 0xff) != 0x80) {
            return Optional.empty();
        }
        int length = Math.min(((page[2] & 0xff) << 8) | (page[3] & 0xff), page.length - 4);
        String serial = new String(Arrays.copyOfRange(page, 4, 4 + length), StandardCharsets.US_ASCII).strip();
        return serial.isEmpty() ? Optional.empty() : Optional.of(serial);
    }

    /** The controller's driver: the nearest driver above the disk that is not the disk driver itself. */
    private static Optional<String> driver(Path dir) {
        Path device = dir.resolve("device");
        if (!Files.exists(device)) {
            return Optional.empty();
        }
        try {
            for (Path p = device.toRealPath(); p != null; p = p.getParent()) {
                Optional<String> name = SysFiles.linkName(p.resolve("driver"));
                if (name.isPresent() && !name.get().equals("sd")) {
                    return name;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static List<String> partitions(Path dir, String name) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name))
                    .filter(p -> Files.isRegularFile(p.resolve("partition")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw InstallerException.permanent("sysfs size '" + text + "' is not a number");
        }
    }
}
