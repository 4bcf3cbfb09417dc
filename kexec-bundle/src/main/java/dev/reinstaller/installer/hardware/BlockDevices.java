package dev.reinstaller.installer.hardware;

import dev.reinstaller.hostinfo.disk.SysBlock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Disks from {@code /sys/block}, read without udev (the ramdisk may have no by-id links yet) by the
 * same {@link SysBlock} the agent read them with on the old host. Only reads; nothing here opens a
 * device node.
 */
public final class BlockDevices {
    private static final Set<String> VIRTUAL_PREFIXES =
            Set.of("loop", "ram", "zram", "sr", "fd", "dm-", "md", "nbd", "zd");

    private final SysBlock sysfs;

    public BlockDevices(InstallerPaths paths) {
        this.sysfs = new SysBlock(paths.files());
    }

    /** Kernel names under {@code /sys/block}, sorted. */
    public List<String> names() {
        return listing(sysfs::names);
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
        if (!sysfs.exists(name)) {
            return Optional.empty();
        }
        long size;
        try {
            size = sysfs.sizeBytes(name).orElse(0L);
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent(e.getMessage());
        }
        return Optional.of(new LiveDisk(
                name,
                sysfs.serial(name).orElse(null),
                sysfs.wwid(name).orElse(null),
                size,
                sysfs.model(name).orElse(null),
                driver(name),
                sysfs.removable(name),
                listing(() -> sysfs.partitions(name))));
    }

    /** The most stable {@code /dev/disk/by-id} link to the disk, as the agent chose it; udev may have made none. */
    public Optional<String> byId(String name) {
        return sysfs.byId(name);
    }

    private String driver(String name) {
        try {
            return sysfs.driver(name).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> listing(Supplier<List<String>> list) {
        try {
            return list.get();
        } catch (UncheckedIOException e) {
            throw new InstallerException(InstallerException.Category.TRANSIENT, e.getMessage(), e);
        }
    }
}
