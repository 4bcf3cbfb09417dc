package dev.reinstaller.agent.system;

import java.nio.file.Path;

/**
 * Where the host's {@code /proc}, {@code /sys}, {@code /dev}, {@code /etc} and {@code /root} are.
 * The real host uses {@code /}; tests use a fixture tree.
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
