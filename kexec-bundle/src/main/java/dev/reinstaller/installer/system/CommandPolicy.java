package dev.reinstaller.installer.system;

import java.util.List;
import java.util.Set;

/**
 * Sorts a command line into what it may do to disks. Commands that write go only through
 * {@link DiskWriter}; commands that import or activate what is on a disk (an old pool, LVM, md, LUKS)
 * never run in the installer at all, because activating an old {@code rpool} or volume group before or
 * during the wipe is how the wrong data gets used or the new pool collides with the old one.
 */
public final class CommandPolicy {
    /** What a command may do to disks. */
    public enum Kind {
        /** Reads only: safe before the point of no return. */
        READS,
        /** Writes to a disk: only through {@link DiskWriter}, only after confirmation. */
        WRITES,
        /** Imports or activates on-disk state: never run. */
        ACTIVATES
    }

    private static final Set<String> WRITERS = Set.of(
            "sgdisk",
            "sfdisk",
            "parted",
            "fdisk",
            "gdisk",
            "wipefs",
            "dd",
            "blkdiscard",
            "mkswap",
            "nixos-install",
            "nixos-enter",
            "partprobe");
    private static final Set<String> ZPOOL_READS = Set.of("list", "status", "get", "version", "events");
    private static final Set<String> ZFS_READS = Set.of("list", "get", "version");

    private CommandPolicy() {}

    public static Kind classify(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        String program = baseName(argv.getFirst());
        String sub = argv.size() > 1 ? argv.get(1) : "";
        return switch (program) {
            case "zpool" ->
                sub.equals("import") ? Kind.ACTIVATES : ZPOOL_READS.contains(sub) ? Kind.READS : Kind.WRITES;
            case "zfs" ->
                sub.equals("mount") || sub.equals("load-key")
                        ? Kind.ACTIVATES
                        : ZFS_READS.contains(sub) ? Kind.READS : Kind.WRITES;
            case "vgchange", "lvchange", "vgimport", "pvscan", "vgscan" -> Kind.ACTIVATES;
            case "mdadm" ->
                argv.stream().anyMatch(a -> a.equals("--assemble") || a.equals("-A") || a.equals("--incremental"))
                        ? Kind.ACTIVATES
                        : Kind.WRITES;
            case "cryptsetup" -> sub.equals("open") || sub.equals("luksOpen") ? Kind.ACTIVATES : Kind.WRITES;
            case "mount" -> Kind.WRITES;
            default -> program.startsWith("mkfs") || WRITERS.contains(program) ? Kind.WRITES : Kind.READS;
        };
    }

    private static String baseName(String program) {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }
}
