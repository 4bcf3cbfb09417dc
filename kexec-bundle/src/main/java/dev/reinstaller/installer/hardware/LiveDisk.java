package dev.reinstaller.installer.hardware;

import java.util.List;

/**
 * A block device as sysfs describes it now. Fields may be null where the kernel reports nothing.
 *
 * @param serial from {@code serial}, {@code device/serial} or the SCSI unit serial page
 *     ({@code device/vpd_pg80})
 * @param wwid from {@code wwid} or {@code device/wwid}, e.g. {@code naa.5000c500a1b2c3d4}
 * @param sizeBytes {@code size} (512-byte sectors, whatever the logical block size) times 512
 * @param driver the controller's kernel driver, e.g. {@code virtio_scsi}, {@code nvme}
 * @param partitions kernel names of its partitions, e.g. {@code sda1}
 */
public record LiveDisk(
        String name,
        String serial,
        String wwid,
        long sizeBytes,
        String model,
        String driver,
        boolean removable,
        List<String> partitions) {
    public LiveDisk {
        partitions = List.copyOf(partitions);
    }

    public String devicePath() {
        return "/dev/" + name;
    }
}
