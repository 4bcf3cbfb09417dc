package dev.reinstaller.agent.kexec;

import dev.reinstaller.protocol.Cpio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The initrd handed to the new kernel: the bundle's (compressed) initrd, streamed from its file, then
 * zero padding to a 4-byte boundary, then an uncompressed newc cpio with runtime info and secrets. The
 * kernel unpacks both archives into the same root. Without entries nothing is appended.
 *
 * <p>The cpio is held only in memory and goes straight into a memfd, so the secrets never touch a
 * disk. {@link #close()} overwrites it with zeros. Nothing here prints the cpio's content.
 */
public final class InitrdImage implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final Path initrd;
    private final long initrdBytes;
    private final byte[] appended;
    private boolean closed;

    private InitrdImage(Path initrd, long initrdBytes, byte[] appended) {
        this.initrd = initrd;
        this.initrdBytes = initrdBytes;
        this.appended = appended;
    }

    /**
     * The bundle's initrd followed by a cpio of {@code entries}; none when {@code entries} is empty.
     *
     * @throws KexecException when the initrd file cannot be read
     */
    public static InitrdImage of(Path initrd, List<Cpio.Entry> entries) {
        long size;
        try {
            size = Files.size(initrd);
        } catch (IOException e) {
            throw new KexecException(
                    KexecException.Kind.FAILED, 0, "cannot read the initrd " + initrd + ": " + e.getMessage(), e);
        }
        return new InitrdImage(initrd, size, entries.isEmpty() ? new byte[0] : Cpio.write(entries));
    }

    public Path initrdPath() {
        return initrd;
    }

    /** Size of the bundle's initrd file. */
    public long initrdBytes() {
        return initrdBytes;
    }

    /** Where the appended cpio starts: the initrd size rounded up to 4. */
    public long appendedOffset() {
        return appended.length == 0 ? initrdBytes : initrdBytes + Cpio.pad(initrdBytes);
    }

    /** Size of the appended cpio, 0 when there is none. */
    public int appendedBytes() {
        return appended.length;
    }

    /** Total bytes {@link #writeTo} writes. */
    public long size() {
        return appendedOffset() + appended.length;
    }

    /**
     * Streams the whole image.
     *
     * @throws IOException when the initrd cannot be read or no longer has the size it had at the start
     */
    public void writeTo(OutputStream out) throws IOException {
        if (closed) {
            throw new IllegalStateException("the initrd image of " + initrd + " was closed and its cpio wiped");
        }
        long copied = 0;
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(initrdBytes, 1))];
        try (InputStream in = Files.newInputStream(initrd)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                copied += n;
            }
        }
        if (copied != initrdBytes) {
            throw new IOException(
                    "the initrd " + initrd + " changed while it was read: " + copied + " bytes, was " + initrdBytes);
        }
        if (appended.length > 0) {
            out.write(new byte[Cpio.pad(initrdBytes)]);
            out.write(appended);
        }
        out.flush();
    }

    /** Overwrites the in-memory cpio with zeros; the image is unusable afterwards. */
    @Override
    public void close() {
        Arrays.fill(appended, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "InitrdImage[" + initrd + ", " + initrdBytes + " bytes + " + appended.length + " bytes cpio]";
    }
}
