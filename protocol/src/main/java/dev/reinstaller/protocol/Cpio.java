package dev.reinstaller.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The "newc" cpio format (magic {@code 070701}) the kernel unpacks from an initrd: 110-byte ASCII hex
 * header, NUL-terminated name, both header+name and data padded to 4 bytes, closed by
 * {@code TRAILER!!!}. Owner is root, mtime 0, so the archive is reproducible.
 */
public final class Cpio {
    static final String MAGIC = "070701";
    static final String TRAILER = "TRAILER!!!";
    static final int HEADER = 110;
    static final int TYPE_DIRECTORY = 0040000;
    static final int TYPE_FILE = 0100000;
    static final int TYPE_MASK = 0170000;

    private Cpio() {}

    /**
     * One archive member.
     *
     * @param name path without a leading slash
     * @param mode type and permission bits, e.g. {@code 0100400}
     * @param data file content; empty for a directory
     */
    public record Entry(String name, int mode, byte[] data) {
        public Entry {
            Check.text("cpio.name", name, 255);
            if (name.startsWith("/") || Arrays.asList(name.split("/")).contains("..")) {
                throw new InvalidFieldException("cpio.name", "'" + Quoted.of(name) + "' must be relative without ..");
            }
            data = data == null ? new byte[0] : data;
        }

        public static Entry directory(String name, int permissions) {
            return new Entry(name, TYPE_DIRECTORY | permissions, new byte[0]);
        }

        public static Entry file(String name, int permissions, byte[] data) {
            return new Entry(name, TYPE_FILE | permissions, data);
        }

        public boolean isDirectory() {
            return (mode & TYPE_MASK) == TYPE_DIRECTORY;
        }

        public int permissions() {
            return mode & 07777;
        }

        /** Entries hold secrets: never print the data. */
        @Override
        public String toString() {
            return "Entry[" + name + ", mode " + Integer.toOctalString(mode) + ", " + data.length + " bytes]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry e && e.name.equals(name) && e.mode == mode && Arrays.equals(e.data, data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }
    }

    /** Writes the entries and the trailer. The caller pads what precedes the archive to 4 bytes. */
    public static void write(List<Entry> entries, OutputStream out) throws IOException {
        int inode = 1;
        for (Entry e : entries) {
            writeEntry(out, e, inode++);
        }
        writeEntry(out, new Entry(TRAILER, 0, new byte[0]), 0);
    }

    public static byte[] write(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeEntry(OutputStream out, Entry e, int inode) throws IOException {
        byte[] name = (e.name() + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(HEADER);
        h.append(MAGIC);
        hex(h, inode);
        hex(h, e.mode());
        hex(h, 0); // uid
        hex(h, 0); // gid
        hex(h, e.isDirectory() ? 2 : 1); // nlink
        hex(h, 0); // mtime
        hex(h, e.data().length);
        hex(h, 0); // devmajor
        hex(h, 0); // devminor
        hex(h, 0); // rdevmajor
        hex(h, 0); // rdevminor
        hex(h, name.length);
        hex(h, 0); // check
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(name);
        out.write(new byte[pad(HEADER + name.length)]);
        out.write(e.data());
        out.write(new byte[pad(e.data().length)]);
    }

    /** Reads every entry up to the trailer; rejects anything malformed with its offset. */
    public static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (true) {
            if (at + HEADER > archive.length) {
                throw new IllegalArgumentException("cpio: truncated header at offset " + at);
            }
            String header = new String(archive, at, HEADER, StandardCharsets.US_ASCII);
            if (!header.startsWith(MAGIC)) {
                throw new IllegalArgumentException("cpio: bad magic at offset " + at + " (want newc " + MAGIC + ")");
            }
            int mode = field(header, 1, at);
            int size = field(header, 6, at);
            int nameSize = field(header, 11, at);
            if (nameSize < 1 || (long) at + HEADER + nameSize > archive.length) {
                throw new IllegalArgumentException("cpio: bad name size at offset " + at);
            }
            String name = new String(archive, at + HEADER, nameSize - 1, StandardCharsets.UTF_8);
            int dataStart = at + HEADER + nameSize + pad(HEADER + nameSize);
            if (size < 0 || dataStart + (long) size > archive.length) {
                throw new IllegalArgumentException("cpio: entry " + name + " at offset " + at + " runs past the end");
            }
            if (name.equals(TRAILER)) {
                return List.copyOf(entries);
            }
            entries.add(entry(name, mode, Arrays.copyOfRange(archive, dataStart, dataStart + size), at));
            at = dataStart + size + pad(size);
        }
    }

    private static Entry entry(String name, int mode, byte[] data, int offset) {
        try {
            return new Entry(name, mode, data);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException("cpio: entry at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    /** One 8-digit hex field; values of 2^31 and more come out negative and are refused by the caller. */
    private static int field(String header, int index, int offset) {
        String text = header.substring(6 + index * 8, 14 + index * 8);
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("cpio: header field " + index + " at offset " + offset
                        + " is not hex: '" + Quoted.of(text) + "'");
            }
        }
        return HexFormat.fromHexDigits(text);
    }

    private static void hex(StringBuilder out, int value) {
        out.append(HexFormat.of().withUpperCase().toHexDigits(value));
    }

    /** Zero bytes needed to bring {@code length} to a multiple of 4. */
    public static int pad(long length) {
        return (int) ((4 - (length & 3)) & 3);
    }
}
