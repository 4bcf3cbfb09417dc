package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.disk.SysBlock;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.InvalidFieldException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A disk's identity as the ramdisk will see it again: sysfs first (size, serial, WWN, model, the
 * controller's driver) as {@link SysBlock} reads it for both, {@code lsblk} where sysfs has nothing,
 * and the best {@code /dev/disk/by-id} link. What is not a clean token is left out, with a finding.
 */
final class DiskIdentity {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{1,128}");

    private final SysBlock sysfs;
    private final Findings findings;

    DiskIdentity(HostFiles files, Findings findings) {
        this.sysfs = new SysBlock(files);
        this.findings = findings;
    }

    Disk of(BlockDevices.Node node) {
        String name = node.kname();
        long size = sysfs.sizeBytes(name).orElse(node.size());
        String serial = token(name, "serial", sysfs.serial(name).orElse(node.serial()));
        String wwn = Optional.ofNullable(node.wwn())
                .or(() -> sysfs.wwid(name))
                .filter(w -> w.startsWith("naa.") || w.startsWith("eui.") || w.startsWith("0x"))
                .orElse(null);
        String model = sysfs.model(name).orElse(node.model());
        try {
            return new Disk(
                    name, sysfs.byId(name).orElse(null), serial, token(name, "WWN", wwn), size, model, driver(name));
        } catch (InvalidFieldException e) {
            throw new FactsException(FactsException.Category.FAILED, "disk " + name + ": " + e.getMessage(), e);
        }
    }

    private String token(String disk, String what, String value) {
        if (value == null || TOKEN.matcher(value).matches()) {
            return value;
        }
        findings.warn("disk", disk + ": " + what + " '" + value + "' has spaces or quotes; not recorded");
        return null;
    }

    private String driver(String name) {
        try {
            return sysfs.driver(name).orElse(null);
        } catch (IOException e) {
            findings.warn("disk", name + ": cannot walk sysfs for the controller driver: " + e.getMessage());
            return null;
        }
    }
}
