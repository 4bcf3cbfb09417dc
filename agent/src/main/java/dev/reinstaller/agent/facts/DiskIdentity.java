package dev.reinstaller.agent.facts;

import dev.reinstaller.agent.system.HostFiles;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.InvalidFieldException;
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
 * A disk's identity as the ramdisk will see it again: sysfs first (size, serial, WWN, model, the
 * controller's driver), {@code lsblk} where sysfs has nothing, and the best {@code /dev/disk/by-id}
 * link.
 */
final class DiskIdentity {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{1,128}");
    private static final Pattern BY_ID = Pattern.compile("[A-Za-z0-9._:+@-]{1,200}");
    /** Drivers of the disk itself rather than of its controller. */
    private static final Set<String> DISK_DRIVERS = Set.of("sd", "sr");

    private final HostFiles files;
    private final Findings findings;

    DiskIdentity(HostFiles files, Findings findings) {
        this.files = files;
        this.findings = findings;
    }

    Disk of(BlockDevices.Node node) {
        String name = node.kname();
        String block = "/sys/block/" + name + "/";
        long size =
                files.value(block + "size").map(s -> Long.parseLong(s) * 512).orElse(node.size());
        String serial = token(
                name,
                "serial",
                files.value(block + "device/serial")
                        .or(() -> files.value(block + "serial"))
                        .or(() -> vpdSerial(block))
                        .orElse(node.serial()));
        String wwn = Optional.ofNullable(node.wwn())
                .or(() -> files.value(block + "wwid").or(() -> files.value(block + "device/wwid")))
                .filter(w -> w.startsWith("naa.") || w.startsWith("eui.") || w.startsWith("0x"))
                .orElse(null);
        String model = files.value(block + "device/model").orElse(node.model());
        try {
            return new Disk(name, byId(name).orElse(null), serial, token(name, "WWN", wwn), size, model, driver(name));
        } catch (InvalidFieldException e) {
            throw new FactsException(FactsException.Category.FAILED, "disk " + name + ": " + e.getMessage(), e);
        }
    }

    /** SCSI unit serial number page 0x80: a 4-byte header, then the serial in ASCII. */
    private Optional<String> vpdSerial(String block) {
        return files.bytes(block + "device/vpd_pg80")
                .filter(b -> b.length > 4)
                .map(b -> new String(Arrays.copyOfRange(b, 4, b.length), StandardCharsets.US_ASCII).strip())
                .filter(s -> !s.isEmpty());
    }

    private String token(String disk, String what, String value) {
        if (value == null || TOKEN.matcher(value).matches()) {
            return value;
        }
        findings.warn("disk", disk + ": " + what + " '" + value + "' has spaces or quotes; not recorded");
        return null;
    }

    /** The controller's driver: the first driver walking up from the disk's device in sysfs. */
    private String driver(String name) {
        Path device = files.path("/sys/block/" + name + "/device");
        if (!Files.exists(device)) {
            return null;
        }
        try {
            Path stop = files.path("/sys").toRealPath();
            for (Path dir = device.toRealPath();
                    dir != null && dir.startsWith(stop) && !dir.equals(stop);
                    dir = dir.getParent()) {
                Path driver = dir.resolve("driver");
                if (Files.isSymbolicLink(driver)) {
                    String driverName =
                            Files.readSymbolicLink(driver).getFileName().toString();
                    if (!DISK_DRIVERS.contains(driverName)) {
                        return driverName;
                    }
                }
            }
        } catch (IOException e) {
            findings.warn("disk", name + ": cannot walk sysfs for the controller driver: " + e.getMessage());
        }
        return null;
    }

    /** The most stable by-id link to the whole disk, see {@link #rank}. */
    Optional<String> byId(String name) {
        String dir = "/dev/disk/by-id";
        return files.list(dir).stream()
                .filter(link -> BY_ID.matcher(link).matches())
                .filter(link ->
                        files.linkName(dir + "/" + link).filter(name::equals).isPresent())
                .min(Comparator.comparingInt(DiskIdentity::rank).thenComparing(Comparator.naturalOrder()))
                .map(link -> dir + "/" + link);
    }

    /**
     * Lower is better: names a person recognises and that survive a reinstall (Hetzner's
     * {@code scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0}, {@code nvme-}, {@code ata-}) before names
     * derived from identifiers ({@code nvme-eui.}, {@code wwn-}).
     */
    static int rank(String link) {
        List<String> order = List.of("scsi-0", "nvme-", "ata-", "scsi-", "virtio-", "usb-");
        if (link.startsWith("nvme-eui.") || link.startsWith("nvme-nvme.")) {
            return order.size() + 1;
        }
        if (link.startsWith("wwn-")) {
            return order.size() + 2;
        }
        for (int i = 0; i < order.size(); i++) {
            if (link.startsWith(order.get(i))) {
                return i;
            }
        }
        return order.size();
    }
}
