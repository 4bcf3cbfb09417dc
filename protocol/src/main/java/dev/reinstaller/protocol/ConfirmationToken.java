package dev.reinstaller.protocol;

/**
 * The token that lets an install pass the point of no return unattended. It binds the machine and
 * the disk: {@code <DMI serial or UUID>:<disk serial or WWN>:<size in bytes>}. The machine part matters
 * because every Hetzner Cloud disk has the same serial.
 */
public final class ConfirmationToken {
    /** Stands in for a disk that reports neither serial nor WWN. */
    static final String NO_DISK_ID = "-";

    private ConfirmationToken() {}

    public static String of(Machine machine, Disk disk) {
        String diskId = disk.serial() != null ? disk.serial() : disk.wwn() != null ? disk.wwn() : NO_DISK_ID;
        return machine.identity() + ":" + diskId + ":" + disk.sizeBytes();
    }

    public static String of(RuntimeInfo info) {
        return of(info.machine(), info.targetDisk());
    }

    /** Compares in constant time, so a wrong guess learns nothing from timing. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
