package dev.reinstaller.installer.system;

import java.nio.file.Path;

/**
 * Where the ramdisk's {@code /proc}, {@code /sys}, {@code /dev}, {@code /run} and {@code /mnt} are. The
 * ramdisk uses {@code /}; tests use a temporary tree. Paths handed to commands (argv) stay absolute
 * ramdisk paths; only the installer's own file access goes through this root.
 */
public record InstallerPaths(Path root) {
    /** The secrets directory, as an absolute ramdisk path: a root-only tmpfs in the ramdisk. */
    public static final String SECRETS = "/run/reinstaller-secrets";

    /** Where the appended cpio's files land, at the ramdisk's root. */
    public static final String CPIO_DIR = "/reinstaller";

    /**
     * The host flake's inputs as the ramdisk image knows them (written by the NixOS ramdisk module):
     * {@code {"reinstaller": {url, narHash, rev, lastModified, storePath}, "nixpkgs": {...}}}.
     */
    public static final String FLAKE_INPUTS = "/etc/reinstaller/inputs.json";

    public InstallerPaths {
        if (root == null) {
            throw new IllegalArgumentException("root is required");
        }
        root = root.toAbsolutePath().normalize();
    }

    public static InstallerPaths real() {
        return new InstallerPaths(Path.of("/"));
    }

    /** An absolute ramdisk path such as {@code /sys/block} inside this root. */
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

    public Path run() {
        return resolve("/run");
    }

    public Path mnt() {
        return resolve("/mnt");
    }

    public Path secrets() {
        return resolve(SECRETS);
    }

    public Path flakeInputs() {
        return resolve(FLAKE_INPUTS);
    }

    public Path cpioDir() {
        return resolve(CPIO_DIR);
    }
}
