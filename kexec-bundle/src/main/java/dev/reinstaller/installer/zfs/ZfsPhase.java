package dev.reinstaller.installer.zfs;

import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.secrets.SecretsDir;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.Disk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code zfs}: creates the encrypted pool {@link DiskLayout#POOL} on the ZFS partition and its datasets, and
 * mounts the new system under {@code /mnt}, every step through the {@link DiskWriter}.
 *
 * <p>The key reaches {@code zpool create} as {@code keylocation=file://} of a 0600 file in the root-only
 * tmpfs {@link SecretsDir}, written just before and deleted right after (also on failure); then
 * {@code keylocation=prompt}, so the installed system asks for it at boot (initrd SSH unlock). The key
 * is never in argv, the environment or stdin. Pool and dataset settings follow the design: ashift 12,
 * autotrim (freed blocks are discarded, as the zeroed disk was),
 * aes-256-gcm with a passphrase, legacy mountpoints, atime off, POSIX ACLs, xattr=sa, zstd;
 * {@code local/root} with an empty {@code @blank} snapshot, {@code local/nix}, {@code safe/home},
 * {@code safe/persist}, and {@code reserved} holding back {@link #reservation} so a full pool can still
 * be repaired.
 */
public record ZfsPhase(InstallerPaths paths, Events events, DiskWriter disk) implements PhaseAction {
    static final String HOST_ID_FILE = "/etc/hostid";
    static final String KEY_FILE = "zfs-key";
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final long MIB = 1L << 20;

    @Override
    public void run(RunState state) {
        Disk target = state.target();
        DiskKey key = state.diskKey()
                .orElseThrow(
                        () -> InstallerException.refused("no disk key: the confirm phase did not pass in this run"));
        String vdev = DiskLayout.partition(target.name(), DiskLayout.ZFS);
        writeHostId(state.info().info().hostId());
        createPool(key, vdev);
        must(List.of("zfs", "set", "keylocation=prompt", DiskLayout.POOL), COMMAND_TIMEOUT);
        for (List<String> step : datasets(target.sizeBytes())) {
            must(step, COMMAND_TIMEOUT);
        }
        for (List<String> step : mounts(DiskLayout.partition(target.name(), DiskLayout.ESP))) {
            must(step, COMMAND_TIMEOUT);
        }
        events.log(
                Phase.ZFS,
                "pool " + DiskLayout.POOL + " on " + vdev + " (aes-256-gcm), datasets mounted under "
                        + DiskLayout.ROOT);
    }

    /**
     * The pool records the host id of the system that created it, and the installed system (with
     * {@code networking.hostId}) imports it without force only if they agree: so the ramdisk takes
     * the installed host's id first. {@code /etc/hostid} holds it as 4 bytes, little-endian; a link
     * into a read-only store is replaced, not written through.
     */
    void writeHostId(String hostId) {
        long value = Long.parseLong(hostId, 16);
        byte[] bytes = {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
        Path file = paths.resolve(HOST_ID_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw InstallerException.permanent(
                    "cannot write " + HOST_ID_FILE + " for host id " + hostId + ": " + e.getMessage());
        }
        events.log(Phase.ZFS, "host id " + hostId + " in " + HOST_ID_FILE + " (the pool records it)");
    }

    private void createPool(DiskKey key, String vdev) {
        SecretsDir secrets = new SecretsDir(paths);
        byte[] bytes = key.copy();
        String file;
        try {
            secrets.delete(KEY_FILE);
            file = secrets.write(KEY_FILE, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        try {
            must(createCommand(file, vdev), CREATE_TIMEOUT);
        } finally {
            secrets.delete(KEY_FILE);
        }
    }

    static List<String> createCommand(String keyFile, String vdev) {
        return List.of(
                "zpool",
                "create",
                "-o",
                "ashift=12",
                "-o",
                "autotrim=on",
                "-O",
                "encryption=aes-256-gcm",
                "-O",
                "keyformat=passphrase",
                "-O",
                "keylocation=file://" + keyFile,
                "-O",
                "mountpoint=legacy",
                "-O",
                "atime=off",
                "-O",
                "acltype=posixacl",
                "-O",
                "xattr=sa",
                "-O",
                "compression=zstd",
                "-R",
                DiskLayout.ROOT,
                DiskLayout.POOL,
                vdev);
    }

    static List<List<String>> datasets(long diskBytes) {
        List<List<String>> steps = new ArrayList<>();
        for (String dataset : List.of(parent(DiskLayout.ROOT_DATASET), DiskLayout.ROOT_DATASET)) {
            steps.add(List.of("zfs", "create", DiskLayout.dataset(dataset)));
        }
        steps.add(List.of("zfs", "snapshot", DiskLayout.dataset(DiskLayout.ROOT_DATASET) + "@" + DiskLayout.BLANK));
        for (String dataset : List.of(
                DiskLayout.NIX_DATASET,
                parent(DiskLayout.HOME_DATASET),
                DiskLayout.HOME_DATASET,
                DiskLayout.PERSIST_DATASET)) {
            steps.add(List.of("zfs", "create", DiskLayout.dataset(dataset)));
        }
        steps.add(List.of(
                "zfs",
                "create",
                "-o",
                "refreservation=" + reservation(diskBytes) / MIB + "M",
                DiskLayout.dataset(DiskLayout.RESERVED_DATASET)));
        return steps;
    }

    static List<List<String>> mounts(String esp) {
        String root = DiskLayout.ROOT;
        return List.of(
                mountZfs(DiskLayout.ROOT_DATASET, root),
                List.of("mkdir", "-p", root + "/nix", root + "/home", DiskLayout.PERSIST, root + "/boot"),
                mountZfs(DiskLayout.NIX_DATASET, root + "/nix"),
                mountZfs(DiskLayout.HOME_DATASET, root + "/home"),
                mountZfs(DiskLayout.PERSIST_DATASET, DiskLayout.PERSIST),
                List.of("mount", "-t", "vfat", "-o", "umask=0077", esp, root + "/boot"));
    }

    private static List<String> mountZfs(String dataset, String where) {
        return List.of("mount", "-t", "zfs", DiskLayout.dataset(dataset), where);
    }

    private static String parent(String dataset) {
        return dataset.substring(0, dataset.indexOf('/'));
    }

    /** Space held back in {@code reserved}: 5 % of the disk, at least 512 MiB, at most 8 GiB, whole MiB. */
    static long reservation(long diskBytes) {
        long fivePercent = diskBytes / 20;
        long clamped = Math.max(512 * MIB, Math.min(8192 * MIB, fivePercent));
        return clamped / MIB * MIB;
    }

    private void must(List<String> argv, Duration timeout) {
        disk.run(argv, timeout).orThrow();
    }
}
