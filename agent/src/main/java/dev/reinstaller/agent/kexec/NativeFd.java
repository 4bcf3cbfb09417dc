package dev.reinstaller.agent.kexec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A file descriptor this process owns: the opened kernel, or the memfd that holds the initrd. Closing
 * a memfd frees its memory; nothing of it is ever on a disk.
 */
final class NativeFd implements AutoCloseable {
    private final LinuxNative linux;
    private final int fd;
    private final String what;

    private NativeFd(LinuxNative linux, int fd, String what) {
        this.linux = linux;
        this.fd = fd;
        this.what = what;
    }

    /** An anonymous in-memory file with close-on-exec. */
    static NativeFd memfd(LinuxNative linux, String name) {
        LinuxNative.Outcome r = linux.memfdCreate(name, LinuxNative.MFD_CLOEXEC);
        if (r.failed()) {
            throw new KexecException(
                    r.errno() == Errno.ENOSYS ? KexecException.Kind.UNAVAILABLE : KexecException.Kind.FAILED,
                    r.errno(),
                    "memfd_create(" + name + ") failed with " + Errno.name(r.errno()));
        }
        return new NativeFd(linux, (int) r.value(), "memfd " + name);
    }

    /** {@code path} opened read-only with close-on-exec. */
    static NativeFd openRead(LinuxNative linux, Path path) {
        LinuxNative.Outcome r = linux.openRead(path.toString());
        if (r.failed()) {
            throw new KexecException(
                    KexecException.Kind.FAILED, r.errno(), "cannot open " + path + ": " + Errno.name(r.errno()));
        }
        return new NativeFd(linux, (int) r.value(), path.toString());
    }

    int fd() {
        return fd;
    }

    /** The path another process can open this descriptor by, while this process lives. */
    Path procPath() {
        return Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd", Integer.toString(fd));
    }

    /** Writes straight into the descriptor; no Java-side buffer outlives a call. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                if (length == 0) {
                    return;
                }
                LinuxNative.Outcome r = linux.writeFully(fd, data, offset, length);
                if (r.failed()) {
                    throw new IOException(
                            "writing " + length + " bytes to " + what + " failed with " + Errno.name(r.errno()));
                }
            }
        };
    }

    @Override
    public void close() {
        linux.close(fd);
    }

    @Override
    public String toString() {
        return "fd " + fd + " (" + what + ")";
    }
}
