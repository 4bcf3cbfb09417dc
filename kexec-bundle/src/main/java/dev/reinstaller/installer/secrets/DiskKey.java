package dev.reinstaller.installer.secrets;

import dev.reinstaller.installer.system.InstallerException;
import java.util.Arrays;

/**
 * The pool passphrase, held as bytes that are never logged, printed or put in an event: {@link
 * #toString} shows only that a key is there, and nothing else in this class exposes the bytes except
 * {@link #copy}, whose callers write them to a root-only file and wipe the copy. ZFS accepts 8 to 512
 * bytes on one line; a single trailing newline (from {@code echo} or an editor) is not part of the key.
 */
public final class DiskKey implements AutoCloseable {
    public static final int MIN_BYTES = 8;
    public static final int MAX_BYTES = 512;

    private final byte[] bytes;

    private DiskKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Takes over {@code raw} (the caller's array is wiped) without judging it yet; {@link #check} says
     * whether ZFS would accept it.
     */
    public static DiskKey take(byte[] raw) {
        int length = raw.length;
        if (length > 0 && raw[length - 1] == '\n') {
            length--;
        }
        byte[] copy = Arrays.copyOf(raw, length);
        Arrays.fill(raw, (byte) 0);
        return new DiskKey(copy);
    }

    /**
     * This key, or a refusal that says what is wrong without showing any of it.
     *
     * @param origin where the key came from, for the message ({@code the cpio's disk-key})
     */
    public DiskKey check(String origin) {
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            throw InstallerException.refused("the disk key from " + origin + " is " + bytes.length
                    + " bytes long; ZFS needs " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        for (byte b : bytes) {
            if (b == '\n' || b == '\r' || b == 0) {
                throw InstallerException.refused("the disk key from " + origin
                        + " spans more than one line or holds a NUL byte; ZFS reads one line");
            }
        }
        return this;
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the key bytes; the caller wipes it with {@link Arrays#fill} when done. */
    public byte[] copy() {
        return bytes.clone();
    }

    /** Overwrites the key in memory. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "DiskKey[redacted]";
    }
}
