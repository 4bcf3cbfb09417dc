package dev.reinstaller.hostinfo.disk;

import dev.reinstaller.hostinfo.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A disk's identity as sysfs and udev's {@code /dev/disk/by-id} show it. The agent records it in the
 * runtime info and the installer looks for that disk again in the ramdisk, so both read it here: two
 * readers would have to agree byte for byte. Only reads; nothing here opens a device node.
 */
public final class SysBlock {
    private static final Pattern BY_ID = Pattern.compile("[A-Za-z0-9._:+@-]{1,200}");
    /** Drivers of the disk itself rather than of its controller. */
    private static final Set<String> DISK_DRIVERS = Set.of("sd", "sr");
    /** Link prefixes, best first: see {@link #rank}. */
    private static final List<String> BY_ID_ORDER = List.of("scsi-0", "nvme-", "ata-", "scsi-", "virtio-", "usb-");

    private final HostFiles files;

    public SysBlock(HostFiles files) {
        this.files = files;
    }

    /** Kernel names under {@code /sys/block}, sorted. */
    public List<String> names() {
        return files.list("/sys/block");
    }

    public boolean exists(String name) {
        return !name.contains("/") && Files.isDirectory(files.path(dir(name)));
    }

    /**
     * {@code size} (512-byte sectors, whatever the logical block size) times 512.
     *
     * @throws IllegalArgumentException when sysfs gives something other than a number
     */
    public Optional<Long> sizeBytes(String name) {
        return files.value(dir(name) + "size").map(sectors -> {
            try {
                return Long.parseLong(sectors) * 512;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sysfs size '" + sectors + "' of " + name + " is not a number", e);
            }
        });
    }

    /** {@code serial}, {@code device/serial}, else the SCSI unit serial page ({@code device/vpd_pg80}). */
    public Optional<String> serial(String name) {
        String dir = dir(name);
        return files.value(dir + "serial")
                .or(() -> files.value(dir + "device/serial"))
                .or(() -> files.bytes(dir + "device/vpd_pg80").flatMap(SysBlock::unitSerial));
    }

    /** {@code wwid} or {@code device/wwid}, as the kernel writes it, e.g. {@code naa.5000c500a1b2c3d4}. */
    public Optional<String> wwid(String name) {
        String dir = dir(name);
        return files.value(dir + "wwid").or(() -> files.value(dir + "device/wwid"));
    }

    public Optional<String> model(String name) {
        return files.value(dir(name) + "device/model");
    }

    public boolean removable(String name) {
        return files.value(dir(name) + "removable").filter("1"::equals).isPresent();
    }

    /** Kernel names of the disk's partitions, e.g. {@code sda1}, sorted. */
    public List<String> partitions(String name) {
        return files.list(dir(name)).stream()
                .filter(entry -> entry.startsWith(name))
                .filter(entry -> Files.isRegularFile(files.path(dir(name) + entry + "/partition")))
                .toList();
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

    /**
     * The controller's driver, e.g. {@code virtio_scsi} or {@code nvme}: the first driver walking up
     * from the disk's device in sysfs that is not the disk's own ({@code sd}, {@code sr}).
     *
     * @throws IOException when sysfs cannot be walked
     */
    public Optional<String> driver(String name) throws IOException {
        Path device = files.path(dir(name) + "device");
        if (!Files.exists(device)) {
            return Optional.empty();
        }
        Path stop = files.path("/sys").toRealPath();
        for (Path dir = device.toRealPath();
                dir != null && dir.startsWith(stop) && !dir.equals(stop);
                dir = dir.getParent()) {
            Path driver = dir.resolve("driver");
            if (Files.isSymbolicLink(driver)) {
                String driverName = Files.readSymbolicLink(driver).getFileName().toString();
                if (!DISK_DRIVERS.contains(driverName)) {
                    return Optional.of(driverName);
                }
            }
        }
        return Optional.empty();
    }

    /** The most stable {@code /dev/disk/by-id} link to the whole disk, see {@link #rank}; udev may have made none. */
    public Optional<String> byId(String name) {
        String dir = "/dev/disk/by-id";
        return files.list(dir).stream()
                .filter(link -> BY_ID.matcher(link).matches())
                .filter(link ->
                        files.linkName(dir + "/" + link).filter(name::equals).isPresent())
                .min(Comparator.comparingInt(SysBlock::rank).thenComparing(Comparator.naturalOrder()))
                .map(link -> dir + "/" + link);
    }

    /**
     * Lower is better: names a person recognises and that survive a reinstall (Hetzner's
     * {@code scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0}, {@code nvme-}, {@code ata-}) before names
     * derived from identifiers ({@code nvme-eui.}, {@code wwn-}).
     */
    static int rank(String link) {
        if (link.startsWith("nvme-eui.") || link.startsWith("nvme-nvme.")) {
            return BY_ID_ORDER.size() + 1;
        }
        if (link.startsWith("wwn-")) {
            return BY_ID_ORDER.size() + 2;
        }
        for (int i = 0; i < BY_ID_ORDER.size(); i++) {
            if (link.startsWith(BY_ID_ORDER.get(i))) {
                return i;
            }
        }
        return BY_ID_ORDER.size();
    }

    private static String dir(String name) {
        return "/sys/block/" + name + "/";
    }
}
