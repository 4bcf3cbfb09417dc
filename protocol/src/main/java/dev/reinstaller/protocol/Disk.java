package dev.reinstaller.protocol;

import java.util.regex.Pattern;

/**
 * A disk the installer will wipe. Identity is what the kernel reports in sysfs, so the ramdisk can
 * check it without udev.
 *
 * @param name kernel name, e.g. {@code sda}, {@code vda}, {@code nvme0n1}
 * @param byId stable {@code /dev/disk/by-id/...} path where one exists
 * @param serial the disk's serial number (on Hetzner Cloud every disk says {@code drive-scsi0-0-0-0})
 * @param wwn world wide name where the disk has one
 * @param sizeBytes size in bytes
 * @param model model string from sysfs
 * @param driver kernel driver of the controller, e.g. {@code virtio_scsi}, {@code nvme}, {@code ahci}
 */
public record Disk(String name, String byId, String serial, String wwn, long sizeBytes, String model, String driver) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{1,31}");
    private static final Pattern BY_ID = Pattern.compile("/dev/disk/by-id/[A-Za-z0-9._:+@-]{1,200}");

    public Disk {
        Check.present("disk.name", name);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFieldException(
                    "disk.name", "'" + Quoted.of(name) + "' is not a kernel disk name such as sda");
        }
        if (byId != null && !BY_ID.matcher(byId).matches()) {
            throw new InvalidFieldException("disk.byId", "'" + Quoted.of(byId) + "' is not a /dev/disk/by-id/ path");
        }
        serial = Check.optionalToken("disk.serial", serial, 128);
        wwn = Check.optionalToken("disk.wwn", wwn, 128);
        if (sizeBytes <= 0) {
            throw new InvalidFieldException("disk.sizeBytes", "must be positive, got " + sizeBytes);
        }
        model = Check.optionalText("disk.model", model, 128);
        driver = Check.optionalToken("disk.driver", driver, 64);
    }

    /** The device node in a root without udev links. */
    public String devicePath() {
        return "/dev/" + name;
    }
}
