package dev.reinstaller.agent.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the {@link TargetDiskState} of a disk from its {@code lsblk} subtree. */
final class DiskState {
    private DiskState() {}

    static TargetDiskState of(BlockDevices.Node disk, Set<String> knownPools) {
        List<Partition> partitions = new ArrayList<>();
        for (BlockDevices.Node child : disk.children()) {
            if ("part".equals(child.type())) {
                partitions.add(new Partition(child.kname(), child.size(), child.fstype()));
            }
        }
        Set<String> mountpoints = new LinkedHashSet<>();
        Set<String> pools = new LinkedHashSet<>(knownPools);
        Set<String> holders = new LinkedHashSet<>();
        Set<String> signatures = new LinkedHashSet<>();
        disk.walk(node -> {
            mountpoints.addAll(node.mountpoints());
            if (node.fstype() != null) {
                signatures.add(node.fstype());
            }
            if ("zfs_member".equals(node.fstype()) && node.label() != null) {
                pools.add(node.label());
            }
            if (node != disk && !"part".equals(node.type())) {
                holders.add(node.name());
            }
        });
        return new TargetDiskState(
                "/dev/" + disk.kname(),
                partitions,
                List.copyOf(mountpoints),
                List.copyOf(pools),
                List.copyOf(holders),
                List.copyOf(signatures));
    }
}
