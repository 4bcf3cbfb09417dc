package dev.reinstaller.agent.kexec;

import dev.reinstaller.protocol.Architecture;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The few libc functions and Linux syscalls kexec needs, bound with the foreign-function API. Every
 * call captures {@code errno} right after the call, before the JVM can overwrite it. Instances hold
 * only immutable method handles.
 */
final class LinuxNative {
    static final int MFD_CLOEXEC = 0x1;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final long KEXEC_FILE_UNLOAD = 0x1;
    static final int LINUX_REBOOT_CMD_KEXEC = 0x45584543;
    private static final int EINTR = 4;
    private static final int WRITE_CHUNK = 1 << 20;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MemoryLayout POINTER = ValueLayout.ADDRESS;

    private final Architecture arch;
    private final long kexecFileLoadNumber;
    private final MemoryLayout stateLayout;
    private final VarHandle errnoHandle;
    private final MethodHandle syscall5;
    private final MethodHandle memfdCreate;
    private final MethodHandle open;
    private final MethodHandle write;
    private final MethodHandle close;
    private final MethodHandle sync;
    private final MethodHandle reboot;

    // Binding native functions is what this class is for; the JVM grants it with --enable-native-access.
    @SuppressWarnings("restricted")
    private LinuxNative(Architecture arch, Linker linker, SymbolLookup libc) {
        this.arch = arch;
        this.kexecFileLoadNumber = switch (arch) {
            case X86_64 -> 320;
            case AARCH64 -> 294;
        };
        Linker.Option errno = Linker.Option.captureCallState("errno");
        this.stateLayout = Linker.Option.captureStateLayout();
        this.errnoHandle = stateLayout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        this.syscall5 = linker.downcallHandle(
                find(libc, "syscall"),
                FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, POINTER, LONG),
                Linker.Option.firstVariadicArg(1),
                errno);
        this.memfdCreate =
                linker.downcallHandle(find(libc, "memfd_create"), FunctionDescriptor.of(INT, POINTER, INT), errno);
        this.open = linker.downcallHandle(
                find(libc, "open"),
                FunctionDescriptor.of(INT, POINTER, INT, INT),
                Linker.Option.firstVariadicArg(2),
                errno);
        this.write = linker.downcallHandle(find(libc, "write"), FunctionDescriptor.of(LONG, INT, POINTER, LONG), errno);
        this.close = linker.downcallHandle(find(libc, "close"), FunctionDescriptor.of(INT, INT), errno);
        this.sync = linker.downcallHandle(find(libc, "sync"), FunctionDescriptor.ofVoid());
        this.reboot = linker.downcallHandle(find(libc, "reboot"), FunctionDescriptor.of(INT, INT), errno);
    }

    /**
     * Binds the functions for this JVM's architecture.
     *
     * @throws KexecException of kind {@code UNAVAILABLE} on another OS or architecture, or when libc
     *     lacks a function
     */
    static LinuxNative bind() {
        String os = System.getProperty("os.name", "");
        Architecture arch = Architecture.fromUname(System.getProperty("os.arch", ""));
        if (!os.equals("Linux") || arch == null) {
            throw new KexecException(
                    KexecException.Kind.UNAVAILABLE,
                    0,
                    "kexec_file_load is bound for Linux on x86_64 and aarch64, not " + os + " on "
                            + System.getProperty("os.arch"));
        }
        try {
            Linker linker = Linker.nativeLinker();
            return new LinuxNative(arch, linker, linker.defaultLookup());
        } catch (IllegalArgumentException | IllegalCallerException | UnsupportedOperationException e) {
            throw new KexecException(
                    KexecException.Kind.UNAVAILABLE,
                    0,
                    "the foreign-function API cannot bind libc: " + e.getMessage(),
                    e);
        }
    }

    Architecture arch() {
        return arch;
    }

    long kexecFileLoadNumber() {
        return kexecFileLoadNumber;
    }

    /** A call's return value and the errno captured right after it (meaningful when value < 0). */
    record Outcome(long value, int errno) {
        boolean failed() {
            return value < 0;
        }
    }

    Outcome memfdCreate(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            int fd = (int) memfdCreate.invokeExact(state, arena.allocateFrom(name), flags);
            return new Outcome(fd, errno(state));
        } catch (Throwable t) {
            throw unexpected("memfd_create", t);
        }
    }

    Outcome openRead(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            int fd = (int) open.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC, 0);
            return new Outcome(fd, errno(state));
        } catch (Throwable t) {
            throw unexpected("open", t);
        }
    }

    /** Writes all of {@code data[offset, offset+length)}, retrying short writes and EINTR. */
    Outcome writeFully(int fd, byte[] data, int offset, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            MemorySegment buffer = arena.allocate(Math.min(length, WRITE_CHUNK));
            int done = 0;
            while (done < length) {
                int chunk = (int) Math.min(length - done, buffer.byteSize());
                MemorySegment.copy(data, offset + done, buffer, ValueLayout.JAVA_BYTE, 0, chunk);
                int written = 0;
                while (written < chunk) {
                    long n = (long) write.invokeExact(state, fd, buffer.asSlice(written), (long) (chunk - written));
                    if (n < 0 && errno(state) != EINTR) {
                        return new Outcome(n, errno(state));
                    }
                    written += (int) Math.max(n, 0);
                }
                done += chunk;
            }
            return new Outcome(done, 0);
        } catch (Throwable t) {
            throw unexpected("write", t);
        }
    }

    Outcome close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            int r = (int) close.invokeExact(state, fd);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
    }

    /** {@code kexec_file_load(kernelFd, initrdFd, len + 1, commandLine, flags)}. */
    Outcome kexecFileLoad(int kernelFd, int initrdFd, String commandLine, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            MemorySegment line = arena.allocateFrom(commandLine, StandardCharsets.UTF_8);
            long r = (long) syscall5.invokeExact(
                    state, kexecFileLoadNumber, (long) kernelFd, (long) initrdFd, line.byteSize(), line, flags);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw unexpected("kexec_file_load", t);
        }
    }

    /** {@code kexec_file_load(-1, -1, 0, NULL, KEXEC_FILE_UNLOAD)}. */
    Outcome kexecFileUnload() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            long r = (long) syscall5.invokeExact(
                    state, kexecFileLoadNumber, -1L, -1L, 0L, MemorySegment.NULL, KEXEC_FILE_UNLOAD);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw unexpected("kexec_file_load(KEXEC_FILE_UNLOAD)", t);
        }
    }

    void sync() {
        try {
            sync.invokeExact();
        } catch (Throwable t) {
            throw unexpected("sync", t);
        }
    }

    /** {@code reboot(LINUX_REBOOT_CMD_KEXEC)}: returns only when it fails. */
    Outcome rebootKexec() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(stateLayout);
            int r = (int) reboot.invokeExact(state, LINUX_REBOOT_CMD_KEXEC);
            return new Outcome(r, errno(state));
        } catch (Throwable t) {
            throw unexpected("reboot", t);
        }
    }

    private int errno(MemorySegment state) {
        return (int) errnoHandle.get(state, 0L);
    }

    private static MemorySegment find(SymbolLookup libc, String name) {
        return libc.find(name)
                .orElseThrow(
                        () -> new KexecException(KexecException.Kind.UNAVAILABLE, 0, "libc has no " + name + "()"));
    }

    private static KexecException unexpected(String call, Throwable t) {
        if (t instanceof KexecException k) {
            return k;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new KexecException(KexecException.Kind.FAILED, 0, "calling " + call + " failed in the JVM: " + t, t);
    }
}
