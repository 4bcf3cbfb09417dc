package dev.reinstaller.hostinfo;

import java.nio.file.Path;

/**
 * Where the host's {@code /proc}, {@code /sys}, {@code /dev} and {@code /etc} are: the old host for the
 * agent, the ramdisk for the installer. The real host uses {@code /}; tests use a fixture tree. Paths
 * handed to commands (argv) stay absolute host paths; only the program's own file access goes through
 * this root.
 */
public record HostPaths(Path root) {
    public static final HostPaths REAL = new HostPaths(Path.of("/"));

    /** An absolute host path such as {@code /sys/class/net} inside this root. */
    public Path resolve(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    public Path proc() {
        return resolve("/proc");
    }

    public Path sys() {
        return resolve("/sys");
    }

    public Path dev() {
        return resolve("/dev");
    }

    public Path etc() {
        return resolve("/etc");
    }
}
