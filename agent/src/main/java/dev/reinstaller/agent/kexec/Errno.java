package dev.reinstaller.agent.kexec;

import dev.reinstaller.protocol.KernelCommandLine;
import java.util.Map;

/**
 * Linux errno values the kexec calls return (the same numbers on x86_64 and aarch64), and what each
 * means for a kexec load, in words an operator can act on.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int EFBIG = 27;
    public static final int ENOSYS = 38;
    public static final int EBADMSG = 74;
    public static final int ENOKEY = 126;
    public static final int EKEYEXPIRED = 127;
    public static final int EKEYREVOKED = 128;
    public static final int EKEYREJECTED = 129;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"),
            Map.entry(ENOENT, "ENOENT"),
            Map.entry(ENOEXEC, "ENOEXEC"),
            Map.entry(EBADF, "EBADF"),
            Map.entry(ENOMEM, "ENOMEM"),
            Map.entry(EACCES, "EACCES"),
            Map.entry(EFAULT, "EFAULT"),
            Map.entry(EBUSY, "EBUSY"),
            Map.entry(EINVAL, "EINVAL"),
            Map.entry(EFBIG, "EFBIG"),
            Map.entry(ENOSYS, "ENOSYS"),
            Map.entry(EBADMSG, "EBADMSG"),
            Map.entry(ENOKEY, "ENOKEY"),
            Map.entry(EKEYEXPIRED, "EKEYEXPIRED"),
            Map.entry(EKEYREVOKED, "EKEYREVOKED"),
            Map.entry(EKEYREJECTED, "EKEYREJECTED"));

    /** The texts glibc's strerror gives, for reading the output of the {@code kexec} binary. */
    private static final Map<String, Integer> STRERROR = Map.of(
            "Operation not permitted", EPERM,
            "Exec format error", ENOEXEC,
            "Cannot allocate memory", ENOMEM,
            "Device or resource busy", EBUSY,
            "Invalid argument", EINVAL,
            "Function not implemented", ENOSYS,
            "Bad message", EBADMSG,
            "Required key not available", ENOKEY,
            "Key was rejected by service", EKEYREJECTED,
            "Permission denied", EACCES);

    private Errno() {}

    /** The symbolic name, e.g. {@code EPERM}, or {@code errno 99} for one this class does not know. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** The errno whose strerror text appears in {@code output}, or 0 when none does. */
    static int fromText(String output) {
        for (Map.Entry<String, Integer> e : STRERROR.entrySet()) {
            if (output.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return 0;
    }

    /** How a failed load is classified: the preflight and the fallback decide on it. */
    public static KexecException.Kind kind(int errno) {
        return switch (errno) {
            case ENOSYS -> KexecException.Kind.UNAVAILABLE;
            case EPERM -> KexecException.Kind.NOT_PERMITTED;
            case ENOEXEC, EINVAL, EBADMSG, ENOKEY, EKEYEXPIRED, EKEYREVOKED, EKEYREJECTED, EFBIG ->
                KexecException.Kind.REJECTED;
            case ENOMEM -> KexecException.Kind.NO_MEMORY;
            default -> KexecException.Kind.FAILED;
        };
    }

    /**
     * What a failed {@code kexec_file_load} means.
     *
     * @param errno the error
     * @param commandLineBytes UTF-8 length of the command line without its NUL
     */
    public static String explainLoad(int errno, int commandLineBytes) {
        String name = name(errno);
        return switch (errno) {
            case EPERM ->
                "not permitted (EPERM): kexec needs root with CAP_SYS_BOOT, outside a container, on a kernel"
                        + " where kexec is not disabled (kernel.kexec_load_disabled) and not blocked by lockdown";
            case ENOEXEC ->
                "the kernel refused the image (ENOEXEC): it is not a bootable kernel for this architecture"
                        + " (x86_64 loads a bzImage, aarch64 an Image)";
            case EINVAL ->
                commandLineBytes + 1 > KernelCommandLine.MAX_BYTES
                        ? "the kernel command line is too long (EINVAL): " + (commandLineBytes + 1)
                                + " bytes with its NUL, kexec_file_load accepts " + KernelCommandLine.MAX_BYTES
                        : "the kernel refused the arguments (EINVAL): the kernel, initrd or command line is malformed";
            case EBADMSG, ENOKEY, EKEYEXPIRED, EKEYREVOKED, EKEYREJECTED ->
                "the signature check failed (" + name + "): this kernel only loads signed kernels"
                        + " (Secure Boot, lockdown or KEXEC_SIG_FORCE) and does not trust the bundle's kernel";
            case ENOMEM -> "not enough memory to stage the new kernel and initrd (ENOMEM)";
            case ENOSYS -> "the running kernel has no kexec_file_load (ENOSYS): it was built without CONFIG_KEXEC_FILE";
            case EBUSY -> "another kexec load or unload is in progress (EBUSY)";
            case EACCES ->
                "permission denied reading the kernel or initrd (EACCES): a noexec mount or a security module";
            case EFBIG -> "the kernel or initrd is too large for the kernel to stage (EFBIG)";
            case EBADF -> "a file descriptor was invalid (EBADF)";
            default -> "failed with " + name;
        };
    }
}
