package dev.reinstaller.agent.kexec;

import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Loads a kernel and initrd for kexec, unloads it, and reboots into it. Implementations use
 * {@code kexec_file_load} only, never the older {@code kexec_load}: a kernel that checks signatures
 * would silently be bypassed by the older call.
 */
public interface Kexec {

    /**
     * Stages {@code kernel} with {@code initrd} and {@code commandLine} in the running kernel.
     *
     * @throws KexecException naming what was attempted and what the kernel answered
     */
    LoadResult load(Path kernel, InitrdImage initrd, String commandLine);

    /** Removes a staged image; succeeds when none is staged. */
    void unload();

    /** Executes the staged image. Never returns when it works; throws when it does not. */
    void rebootIntoLoaded();

    /** One line for diagnostics, e.g. which syscall or binary this uses. */
    String describe();

    /**
     * The direct call through the foreign-function API, falling back to a {@code kexec} binary only
     * when the direct call is unavailable: the bundle's binary first, then the host's.
     *
     * @param paths host root where binaries are looked up
     * @param processes runs the fallback binary
     * @param bundleBinary the bundle's {@code kexec}, if it ships one
     * @param deadline how long the binary may take for one step
     */
    static Kexec forHost(HostPaths paths, Processes processes, Optional<Path> bundleBinary, Duration deadline) {
        Kexec fallback = KexecBinary.find(paths, bundleBinary)
                .<Kexec>map(binary -> new KexecBinary(processes, binary, deadline))
                .orElseGet(() -> new Unavailable(
                        "no kexec binary in the bundle nor at " + String.join(", ", KexecBinary.HOST_CANDIDATES)));
        return new FallbackKexec(new FfmKexec(), fallback);
    }

    /** A mechanism that is not there; every call says why. */
    record Unavailable(String reason) implements Kexec {
        @Override
        public LoadResult load(Path kernel, InitrdImage initrd, String commandLine) {
            throw failure();
        }

        @Override
        public void unload() {
            throw failure();
        }

        @Override
        public void rebootIntoLoaded() {
            throw failure();
        }

        @Override
        public String describe() {
            return "unavailable: " + reason;
        }

        private KexecException failure() {
            return new KexecException(KexecException.Kind.UNAVAILABLE, 0, reason);
        }
    }
}
