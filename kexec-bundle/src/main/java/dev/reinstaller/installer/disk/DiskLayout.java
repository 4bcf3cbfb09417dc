package dev.reinstaller.installer.disk;

/**
 * The one disk layout: GPT with a 1 MiB BIOS boot partition (EF02), a 1 GiB ESP (EF00, vfat, /boot) and
 * the rest for ZFS (BF00), so the same disk boots on BIOS and on UEFI.
 */
public final class DiskLayout {
    public static final int BIOS_BOOT = 1;
    public static final int ESP = 2;
    public static final int ZFS = 3;

    private DiskLayout() {}

    /**
     * The device node of partition {@code number} of {@code disk}: {@code /dev/sda3}, but
     * {@code /dev/nvme0n1p3} where the disk name ends in a digit.
     */
    public static String partition(String disk, int number) {
        boolean digit = Character.isDigit(disk.charAt(disk.length() - 1));
        return "/dev/" + disk + (digit ? "p" : "") + number;
    }
}
