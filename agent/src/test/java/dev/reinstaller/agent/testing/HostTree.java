package dev.reinstaller.agent.testing;

import dev.reinstaller.hostinfo.HostPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake host root for preflight tests: by default a healthy KVM guest, root with all capabilities,
 * x86_64, no lockdown, kexec enabled, 4 GiB of RAM, disk {@code sda} as in {@link Fixtures}.
 */
public final class HostTree {
    public static final String ROOT_STATUS =
            "Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n" + "CapEff:\t000001ffffffffff\n";

    private final Path root;

    private HostTree(Path root) {
        this.root = root;
    }

    public static HostTree healthy(Path root) {
        HostTree tree = new HostTree(root);
        tree.write("/proc/self/status", ROOT_STATUS);
        tree.write("/proc/sys/kernel/arch", "x86_64\n");
        tree.write("/proc/sys/kernel/kexec_load_disabled", "0\n");
        tree.write("/sys/kernel/security/lockdown", "[none] integrity confidentiality\n");
        tree.meminfo(4096, 3500);
        tree.write("/proc/1/cgroup", "0::/init.scope\n");
        tree.write("/sys/block/sda/size", Long.toString(Fixtures.DISK_BYTES / 512) + "\n");
        tree.write("/sys/block/sda/device/vpd_pg80", "\0\u0080\0\u0011" + Fixtures.DISK_SERIAL);
        return tree;
    }

    public HostPaths paths() {
        return new HostPaths(root);
    }

    /** Sets MemTotal and MemAvailable, in MiB. */
    public HostTree meminfo(long totalMib, long availableMib) {
        return write(
                "/proc/meminfo",
                "MemTotal:       " + totalMib * 1024 + " kB\nMemFree:        1000 kB\nMemAvailable:   "
                        + availableMib * 1024 + " kB\nBuffers:           0 kB\n");
    }

    public HostTree write(String absolute, String content) {
        Path file = root.resolve(absolute.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HostTree delete(String absolute) {
        try {
            Files.deleteIfExists(root.resolve(absolute.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
