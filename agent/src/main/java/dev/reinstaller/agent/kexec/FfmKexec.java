package dev.reinstaller.agent.kexec;

import dev.reinstaller.protocol.KernelCommandLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code kexec_file_load} called directly through the foreign-function API. The kernel is passed by
 * file descriptor; the initrd, with its appended secrets cpio, is written into a memfd, so it never
 * exists as a file. Binding libc happens once at construction; when it fails, every call throws a
 * {@link KexecException} of kind {@code UNAVAILABLE} with the reason, which lets a fallback take over.
 *
 * <p>The JVM must allow native access ({@code --enable-native-access=ALL-UNNAMED}, or the runnable
 * jar's {@code Enable-Native-Access} manifest entry), or it prints a warning on the first call.
 */
public final class FfmKexec implements Kexec {
    static final String INITRD_MEMFD = "reinstaller-initrd";

    private final LinuxNative linux;
    private final KexecException unavailable;

    public FfmKexec() {
        LinuxNative bound = null;
        KexecException failure = null;
        try {
            bound = LinuxNative.bind();
        } catch (KexecException e) {
            failure = e;
        }
        this.linux = bound;
        this.unavailable = failure;
    }

    @Override
    public LoadResult load(Path kernel, InitrdImage initrd, String commandLine) {
        LinuxNative calls = bound();
        int lineBytes = KernelCommandLine.byteLength(commandLine);
        String attempted = "kexec_file_load of " + kernel + " with a " + initrd.size() + "-byte initrd";
        if (!KernelCommandLine.fits(commandLine)) {
            throw new KexecException(
                    KexecException.Kind.REJECTED,
                    Errno.EINVAL,
                    attempted + " not tried: " + Errno.explainLoad(Errno.EINVAL, lineBytes));
        }
        long kernelBytes = size(kernel);
        try (NativeFd kernelFd = NativeFd.openRead(calls, kernel);
                NativeFd memfd = NativeFd.memfd(calls, INITRD_MEMFD)) {
            try {
                initrd.writeTo(memfd.output());
            } catch (IOException e) {
                throw new KexecException(
                        KexecException.Kind.FAILED, 0, attempted + ": cannot fill the memfd: " + e.getMessage(), e);
            }
            LinuxNative.Outcome r = calls.kexecFileLoad(kernelFd.fd(), memfd.fd(), commandLine, 0);
            if (r.failed()) {
                throw KexecException.load(attempted, r.errno(), lineBytes);
            }
        }
        return new LoadResult(mechanism(), Optional.empty(), kernelBytes, initrd.size(), lineBytes);
    }

    @Override
    public void unload() {
        LinuxNative.Outcome r = bound().kexecFileUnload();
        if (r.failed()) {
            throw new KexecException(
                    Errno.kind(r.errno()),
                    r.errno(),
                    "unloading the staged kexec image: " + Errno.explainLoad(r.errno(), 0));
        }
    }

    @Override
    public void rebootIntoLoaded() {
        LinuxNative calls = bound();
        calls.sync();
        LinuxNative.Outcome r = calls.rebootKexec();
        throw new KexecException(
                Errno.kind(r.errno()),
                r.errno(),
                "reboot(LINUX_REBOOT_CMD_KEXEC) returned " + r.value() + " with " + Errno.name(r.errno())
                        + (r.errno() == Errno.EINVAL ? ": no kexec image is loaded" : ""));
    }

    @Override
    public String describe() {
        return linux == null ? "direct kexec_file_load unavailable: " + unavailable.getMessage() : mechanism();
    }

    /** Whether libc could be bound; when false {@link #describe()} says why. */
    public boolean available() {
        return linux != null;
    }

    /** Package-private for tests: the bound functions. */
    LinuxNative linux() {
        return bound();
    }

    private String mechanism() {
        return "kexec_file_load (syscall " + linux.kexecFileLoadNumber() + " on "
                + linux.arch().wire() + ", foreign-function API)";
    }

    private LinuxNative bound() {
        if (linux == null) {
            throw new KexecException(unavailable.kind(), 0, unavailable.getMessage(), unavailable);
        }
        return linux;
    }

    private static long size(Path kernel) {
        try {
            return Files.size(kernel);
        } catch (IOException e) {
            throw new KexecException(
                    KexecException.Kind.FAILED,
                    0,
                    "cannot read the kernel " + kernel + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }
}
