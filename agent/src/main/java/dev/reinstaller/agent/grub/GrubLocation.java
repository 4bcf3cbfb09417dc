package dev.reinstaller.agent.grub;

/**
 * Where GRUB finds the bundle: the filesystem (by UUID, so disk order does not matter) and the
 * bundle directory's path inside that filesystem.
 *
 * @param fsUuid filesystem UUID as {@code search --fs-uuid} expects it, or null: then GRUB searches
 *     for the kernel file itself ({@code search --file})
 * @param fsType filesystem type, e.g. {@code ext4}; decides the GRUB module to load
 * @param directory the bundle directory relative to the filesystem root, starting with {@code /}
 */
public record GrubLocation(String fsUuid, String fsType, String directory) {
    public GrubLocation {
        if (fsUuid != null && !fsUuid.matches("[0-9A-Fa-f-]{4,64}")) {
            throw new IllegalArgumentException("filesystem UUID '" + fsUuid + "' is not one GRUB can search for");
        }
        if (directory == null || !directory.startsWith("/") || directory.matches(".*[\\s\"'].*")) {
            throw new IllegalArgumentException(
                    "bundle path '" + directory + "' must be absolute on its filesystem, without spaces or quotes");
        }
        directory = directory.length() > 1 && directory.endsWith("/")
                ? directory.substring(0, directory.length() - 1)
                : directory;
    }

    /** A file of the bundle as GRUB names it. */
    public String file(String name) {
        return (directory.equals("/") ? "" : directory) + "/" + name;
    }

    /** The GRUB module that reads this filesystem. */
    public String module() {
        return switch (fsType == null ? "" : fsType) {
            case "ext2", "ext3", "ext4" -> "ext2";
            case "vfat" -> "fat";
            case "btrfs" -> "btrfs";
            case "xfs" -> "xfs";
            default -> fsType == null || fsType.isEmpty() ? "ext2" : fsType;
        };
    }
}
