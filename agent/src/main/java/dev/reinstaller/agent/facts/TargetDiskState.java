package dev.reinstaller.agent.facts;

import java.util.List;
import java.util.Objects;

/**
 * What is on the target disk now: everything that the reinstall destroys.
 *
 * @param device the device node, e.g. {@code /dev/sda}
 * @param partitions its partitions in table order
 * @param mountpoints where the disk, its partitions or anything stacked on them is mounted
 * @param zfsPools ZFS pools with a vdev on the disk (from the {@code zfs_member} labels)
 * @param holders device-mapper, LVM and md devices stacked on the disk
 * @param signatures filesystem and volume signatures seen by {@code lsblk}, each once
 */
public record TargetDiskState(
        String device,
        List<Partition> partitions,
        List<String> mountpoints,
        List<String> zfsPools,
        List<String> holders,
        List<String> signatures) {
    public TargetDiskState {
        Objects.requireNonNull(device, "device");
        partitions = List.copyOf(partitions);
        mountpoints = List.copyOf(mountpoints);
        zfsPools = List.copyOf(zfsPools);
        holders = List.copyOf(holders);
        signatures = List.copyOf(signatures);
    }

    /** True when nothing is mounted from the disk. */
    public boolean unused() {
        return mountpoints.isEmpty();
    }
}
