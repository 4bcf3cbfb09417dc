package dev.reinstaller.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file or a stream up to a cap, so that {@code /dev/zero} or a huge file given by mistake
 * is refused with a message that names it and the cap, instead of filling the heap. Never reads
 * more than {@code cap + 1} bytes.
 */
public final class BoundedInput {
    /** A disk key: 512 bytes at most (what ZFS accepts), plus a line end. */
    public static final int DISK_KEY_CAP = 514;

    /** Runtime info, a bundle manifest or other JSON we read: 1 MiB. */
    public static final int JSON_CAP = 1 << 20;

    /** A kernel command line given to {@code decode}: far more than any kernel accepts. */
    public static final int COMMAND_LINE_CAP = 64 << 10;

    private BoundedInput() {}

    /** The input is larger than it may be. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String what, int cap) {
            super(what + " is larger than " + cap + " bytes, more than it can be");
        }
    }

    /** All of {@code in}, or {@link TooLarge} naming {@code what} once it passes {@code cap} bytes. */
    public static byte[] read(InputStream in, int cap, String what) throws IOException {
        byte[] buffer = new byte[Math.min(cap + 1, 8192)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > cap) {
                    Arrays.fill(buffer, (byte) 0);
                    throw new TooLarge(what, cap);
                }
                byte[] grown = Arrays.copyOf(buffer, Math.min(cap + 1, buffer.length * 2));
                Arrays.fill(buffer, (byte) 0);
                buffer = grown;
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                byte[] result = Arrays.copyOf(buffer, length);
                Arrays.fill(buffer, (byte) 0);
                return result;
            }
            length += n;
        }
    }

    /** All of {@code file} (also a pipe or a device), or {@link TooLarge} once it passes {@code cap}. */
    public static byte[] read(Path file, int cap, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, cap, what);
        }
    }
}
