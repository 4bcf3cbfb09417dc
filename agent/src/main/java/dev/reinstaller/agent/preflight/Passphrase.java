package dev.reinstaller.agent.preflight;

import java.util.Arrays;

/**
 * The disk passphrase rules: what ZFS accepts for {@code keyformat=passphrase}, 8 to 512 bytes, on
 * one line. One trailing newline (as {@code echo} or a key file leave it, LF or CRLF) is not part of
 * the passphrase. Reasons never contain the passphrase.
 */
public final class Passphrase {
    public static final int MIN_BYTES = 8;
    public static final int MAX_BYTES = 512;

    private Passphrase() {}

    /** The verdict on a raw key. */
    public sealed interface Verdict {}

    /** The key to use, without its trailing newline. */
    public record Accepted(byte[] key) implements Verdict {
        @Override
        public String toString() {
            return "Accepted[" + key.length + " bytes]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Accepted a && Arrays.equals(a.key, key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }
    }

    /** Why the key cannot be used. */
    public record Rejected(String reason) implements Verdict {}

    public static Verdict check(byte[] raw) {
        int length = raw.length;
        String stripped = "";
        if (length > 0 && raw[length - 1] == '\n') {
            length--;
            stripped = " (after removing the trailing newline)";
            if (length > 0 && raw[length - 1] == '\r') {
                length--;
            }
        }
        for (int i = 0; i < length; i++) {
            if (raw[i] == '\n' || raw[i] == '\r') {
                return new Rejected("contains a line break at byte " + (i + 1) + " of " + length
                        + ": the passphrase must be one line");
            }
            if (raw[i] == 0) {
                return new Rejected("contains a NUL byte at byte " + (i + 1) + " of " + length);
            }
        }
        if (length < MIN_BYTES || length > MAX_BYTES) {
            return new Rejected(
                    "is " + length + " bytes" + stripped + "; ZFS accepts " + MIN_BYTES + " to " + MAX_BYTES);
        }
        return new Accepted(Arrays.copyOf(raw, length));
    }
}
