package dev.reinstaller.agent.testing;

import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Firmware;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Provider;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runtime info and kexec bundles for tests. */
public final class Fixtures {
    public static final long DISK_BYTES = 40L * 1024 * 1024 * 1024;
    public static final String DISK_SERIAL = "drive-scsi0-0-0-0";
    public static final String MACHINE_SERIAL = "51234567";
    public static final String BOOT_PARAMETERS = "init=/nix/store/abcdefghijklmnopqrstuvwxyz012345-nixos-system/init";
    public static final long MIB = 1024 * 1024;

    private Fixtures() {}

    /** A Hetzner-like host: one disk {@code sda}, one NIC with static v4 and v6. */
    public static RuntimeInfo runtimeInfo() {
        Disk disk = new Disk(
                "sda",
                "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0",
                DISK_SERIAL,
                null,
                DISK_BYTES,
                "QEMU HARDDISK",
                "virtio_scsi");
        Nic nic = new Nic(
                "96:00:00:12:34:56",
                "eth0",
                "virtio_net",
                List.of(new Address("203.0.113.10/32", true), new Address("2001:db8:1:2::1/64", false)),
                List.of(
                        Route.viaGateway("default", "172.31.1.1", true),
                        Route.viaGateway("default", "fe80::1", false)));
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                "web1",
                "0a1b2c3d",
                new Machine(MACHINE_SERIAL, null, "Hetzner", "vServer"),
                Architecture.X86_64,
                Firmware.BIOS,
                List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx4cGxhY2Vob2xkZXJrZXlkYXRhMDEyMzQ1Njc4OQ op@laptop"),
                List.of(disk),
                List.of(nic),
                List.of(),
                List.of("185.12.64.1", "2a01:4ff:ff00::add:1"),
                new Provider("hetzner", MACHINE_SERIAL, "eu-central", "hel1-dc2"));
    }

    /** Writes {@code bzImage}, {@code initrd} and a manifest that matches them into {@code dir}. */
    public static Path bundle(Path dir, byte[] kernel, byte[] initrd) throws IOException {
        return bundle(dir, kernel, initrd, 300 * MIB, 200 * MIB);
    }

    public static Path bundle(Path dir, byte[] kernel, byte[] initrd, long unpacked, long workingSet)
            throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("bzImage"), kernel);
        Files.write(dir.resolve("initrd"), initrd);
        Map<String, BundleManifest.BundleFile> files = new LinkedHashMap<>();
        files.put("bzImage", new BundleManifest.BundleFile(sha256(kernel), kernel.length));
        files.put("initrd", new BundleManifest.BundleFile(sha256(initrd), initrd.length));
        writeManifest(dir, files, unpacked, workingSet);
        return dir;
    }

    public static void writeManifest(
            Path dir, Map<String, BundleManifest.BundleFile> files, long unpacked, long workingSet) throws IOException {
        BundleManifest manifest = new BundleManifest(
                RuntimeInfo.SCHEMA_VERSION,
                Architecture.X86_64,
                "bzImage",
                "initrd",
                BOOT_PARAMETERS,
                unpacked,
                workingSet,
                files);
        Files.write(dir.resolve(BundleManifest.FILE_NAME), manifest.toBytes());
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic non-trivial bytes. */
    public static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (i * 31 + seed);
        }
        return out;
    }
}
