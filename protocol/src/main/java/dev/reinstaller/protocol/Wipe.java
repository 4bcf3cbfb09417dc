package dev.reinstaller.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the installer does to the old disk's contents before it partitions ({@code reinstaller.wipe}).
 * The default zeroes the whole disk, so nothing of the old system (files, deleted files, a key file
 * the operator left there) stays readable beside the new encrypted pool.
 */
public enum Wipe {
    /** Zero the whole disk with the kernel's zero-out (BLKZEROOUT), then read samples back. */
    ZERO("zero"),
    /** Only clear signatures and the partition table: the old data stays readable in unused blocks. */
    NONE("none");

    private final String parameter;

    Wipe(String parameter) {
        this.parameter = parameter;
    }

    /** The value of {@code reinstaller.wipe=}. */
    public String parameter() {
        return parameter;
    }

    public static Optional<Wipe> fromParameter(String value) {
        return Arrays.stream(values()).filter(w -> w.parameter.equals(value)).findFirst();
    }
}
