package dev.reinstaller.agent.kexec;

import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.KernelCommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fallback: a {@code kexec} binary (kexec-tools) forced onto {@code kexec_file_load} with
 * {@code --kexec-file-syscall}, never {@code --kexec-syscall-auto}, which would silently fall back to
 * {@code kexec_load}. The binary needs a path for the initrd: it gets {@code /proc/<our pid>/fd/<n>}
 * of a memfd this process holds open, so the initrd with its secrets still never becomes a file.
 * Only the kernel path, that memfd path and the (secret-free) command line appear in its argv.
 */
public final class KexecBinary implements Kexec {
    /** Where hosts keep kexec-tools, in the order they are tried. */
    static final List<String> HOST_CANDIDATES =
            List.of("/usr/sbin/kexec", "/sbin/kexec", "/usr/bin/kexec", "/run/current-system/sw/bin/kexec");

    private final Processes processes;
    private final Path binary;
    private final Duration deadline;

    public KexecBinary(Processes processes, Path binary, Duration deadline) {
        this.processes = processes;
        this.binary = binary;
        this.deadline = deadline;
    }

    /** The bundle's binary when it is executable, else the first executable host binary. */
    static Optional<Path> find(HostPaths paths, Optional<Path> bundleBinary) {
        if (bundleBinary.isPresent() && Files.isExecutable(bundleBinary.get())) {
            return bundleBinary;
        }
        return HOST_CANDIDATES.stream()
                .filter(candidate -> Files.isExecutable(paths.resolve(candidate)))
                .findFirst()
                .map(Path::of);
    }

    @Override
    public LoadResult load(Path kernel, InitrdImage initrd, String commandLine) {
        int lineBytes = KernelCommandLine.byteLength(commandLine);
        String attempted = binary + " --kexec-file-syscall --load " + kernel;
        if (!KernelCommandLine.fits(commandLine)) {
            throw new KexecException(
                    KexecException.Kind.REJECTED,
                    Errno.EINVAL,
                    attempted + " not run: " + Errno.explainLoad(Errno.EINVAL, lineBytes));
        }
        LinuxNative linux = LinuxNative.bind();
        long kernelBytes;
        try (NativeFd memfd = NativeFd.memfd(linux, FfmKexec.INITRD_MEMFD)) {
            kernelBytes = Files.size(kernel);
            initrd.writeTo(memfd.output());
            List<String> argv = new ArrayList<>(List.of(
                    binary.toString(),
                    "--kexec-file-syscall",
                    "--load",
                    kernel.toString(),
                    "--initrd=" + memfd.procPath()));
            argv.add("--command-line=" + commandLine);
            run(argv, attempted, lineBytes);
        } catch (IOException e) {
            throw new KexecException(KexecException.Kind.FAILED, 0, attempted + ": " + e.getMessage(), e);
        }
        return new LoadResult(describe(), Optional.empty(), kernelBytes, initrd.size(), lineBytes);
    }

    @Override
    public void unload() {
        run(List.of(binary.toString(), "--kexec-file-syscall", "--unload"), binary + " --unload", 0);
    }

    @Override
    public void rebootIntoLoaded() {
        run(List.of(binary.toString(), "--exec"), binary + " --exec", 0);
        throw new KexecException(
                KexecException.Kind.FAILED, 0, binary + " --exec returned without rebooting: no image is loaded?");
    }

    @Override
    public String describe() {
        return binary + " --kexec-file-syscall";
    }

    private void run(List<String> argv, String attempted, int lineBytes) {
        Processes.ProcessResult result;
        try {
            result = processes.run(argv, deadline);
        } catch (Processes.ProcessException e) {
            throw new KexecException(KexecException.Kind.FAILED, 0, attempted + ": " + e.getMessage(), e);
        }
        if (result.ok()) {
            return;
        }
        String said = lastLine(result.stderr().isBlank() ? result.stdout() : result.stderr());
        int errno = Errno.fromText(result.stderr() + "\n" + result.stdout());
        String meaning = errno == 0 ? "" : Errno.explainLoad(errno, lineBytes) + "; ";
        throw new KexecException(
                errno == 0 ? KexecException.Kind.FAILED : Errno.kind(errno),
                errno,
                attempted + " exited with " + result.exitCode() + ": " + meaning + "kexec said: " + said);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
