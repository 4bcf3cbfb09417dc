package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.HostPaths;
import java.nio.file.Path;

/**
 * The ramdisk's root as {@link HostPaths} sees it, plus the installer's own places in it (secrets, the
 * appended cpio, the flake inputs). The ramdisk uses {@code /}; tests use a temporary tree. Paths
 * handed to commands (argv) stay absolute ramdisk paths; only the installer's own file access goes
 * through this root.
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

    /** The same root for the readers of hostinfo. */
    public HostPaths host() {
        return new HostPaths(root);
    }

    /** sysfs, procfs and /dev of the ramdisk, read as the agent reads them on the old host. */
    public HostFiles files() {
        return new HostFiles(host());
    }

    /** An absolute ramdisk path such as {@code /sys/block} inside this root. */
    public Path resolve(String absolute) {
        return host().resolve(absolute);
    }

    public Path proc() {
        return host().proc();
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
