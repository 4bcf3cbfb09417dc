package dev.reinstaller.installer.layout;

/**
 * The one layout of the installed system, which the destructive phases share: GPT with a 1 MiB BIOS
 * boot partition (EF02), a 1 GiB ESP (EF00, vfat, /boot) and the rest for ZFS (BF00), so the same disk
 * boots on BIOS and on UEFI; on it the pool {@link #POOL} with its datasets, mounted under
 * {@link #ROOT} while the installer works; and the places in it that later phases write to.
 */
public final class DiskLayout {
    public static final int BIOS_BOOT = 1;
    public static final int ESP = 2;
    public static final int ZFS = 3;

    /** The pool on the ZFS partition; the installed system imports it by this name. */
    public static final String POOL = "rpool";

    /** Where the new system is mounted while the installer works ({@code zpool create -R}). */
    public static final String ROOT = "/mnt";

    /** The root file system, rolled back to its empty {@link #BLANK} snapshot by the host module. */
    public static final String ROOT_DATASET = "local/root";

    public static final String NIX_DATASET = "local/nix";
    public static final String HOME_DATASET = "safe/home";
    public static final String PERSIST_DATASET = "safe/persist";

    /** Holds back space so that a full pool can still be repaired. */
    public static final String RESERVED_DATASET = "reserved";

    /** The empty snapshot of {@link #ROOT_DATASET}, taken before anything is written to it. */
    public static final String BLANK = "blank";

    /** Where the state that survives a root rollback lives, mounted from {@link #PERSIST_DATASET}. */
    public static final String PERSIST = ROOT + "/persist";

    /**
     * The host flake of the installed system, and the runtime info it was made from: in
     * {@link #PERSIST}, so it survives a root rollback; the installed host links {@code /etc/nixos} there.
     */
    public static final String FLAKE_DIR = PERSIST + "/etc/nixos";

    private DiskLayout() {}

    /** {@code rpool/NAME}: a dataset of the pool. */
    public static String dataset(String name) {
        return POOL + "/" + name;
    }

    /**
     * The device node of partition {@code number} of {@code disk}: {@code /dev/sda3}, but
     * {@code /dev/nvme0n1p3} where the disk name ends in a digit.
     */
    public static String partition(String disk, int number) {
        boolean digit = Character.isDigit(disk.charAt(disk.length() - 1));
        return "/dev/" + disk + (digit ? "p" : "") + number;
    }
}
