package dev.reinstaller.protocol;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded generator of valid random runtime info, for property tests and the size benchmark. The same
 * seed gives the same hosts on every machine.
 */
public final class RandomHosts {
    private static final String LABEL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String TOKEN = LABEL + "-_.:+@/";
    private static final String TEXT = TOKEN + " ";
    private static final String BY_ID = LABEL + "._:+@-";
    private static final List<String> NIC_DRIVERS = List.of("virtio_net", "e1000e", "igb", "ixgbe", "mlx5_core");
    private static final List<String> DISK_DRIVERS = List.of("virtio_scsi", "virtio_blk", "nvme", "ahci");
    private static final List<String> ZONES = List.of("fsn1-dc14", "nbg1-dc3", "hel1-dc2", "ash-dc1", "hil-dc1");

    private final SplittableRandom random;

    public RandomHosts(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Any valid runtime info: 1 to 3 NICs with v4 and v6 addresses, optional fields present or not. */
    public RuntimeInfo any() {
        List<String> keys = new ArrayList<>();
        int keyCount = 1 + random.nextInt(3);
        for (int i = 0; i < keyCount; i++) {
            keys.add(SshKeys.ed25519(random, random.nextBoolean() ? word(8) + "@" + word(10) : maybe(text(30))));
        }
        List<Disk> disks = new ArrayList<>();
        int diskCount = 1 + random.nextInt(2);
        for (int i = 0; i < diskCount; i++) {
            disks.add(disk());
        }
        List<Nic> nics = new ArrayList<>();
        Set<String> macs = new LinkedHashSet<>();
        int nicCount = 1 + random.nextInt(3);
        while (macs.size() < nicCount) {
            macs.add(mac(random.nextBoolean() ? "96:00" : hex(2) + ":" + hex(2)));
        }
        for (String mac : macs) {
            nics.add(nic(mac));
        }
        List<SkippedInterface> skipped = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            skipped.add(new SkippedInterface(token(15), pick(List.of("bridge", "veth", "tun", "virtual", "bond"))));
        }
        List<String> resolvers = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            resolvers.add(random.nextBoolean() ? v4() : v6());
        }
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                hostName(),
                hex(8),
                machine(),
                random.nextBoolean() ? Architecture.X86_64 : Architecture.AARCH64,
                random.nextBoolean() ? Firmware.BIOS : Firmware.EFI,
                keys,
                disks,
                nics,
                skipped,
                resolvers,
                random.nextBoolean() ? null : provider());
    }

    /** Like {@link #any()}, plus {@code rsaKeys} 4096-bit RSA keys: too much for the command line. */
    public RuntimeInfo withRsaKeys(int rsaKeys) {
        RuntimeInfo base = any();
        List<String> keys = new ArrayList<>(base.authorizedKeys());
        for (int i = 0; i < rsaKeys; i++) {
            keys.add(SshKeys.rsa(random, 4096, "key-" + i + "@" + word(8)));
        }
        return new RuntimeInfo(
                base.schemaVersion(),
                base.hostName(),
                base.hostId(),
                base.machine(),
                base.arch(),
                base.firmware(),
                keys,
                base.disks(),
                base.nics(),
                base.skipped(),
                base.nameServers(),
                base.provider());
    }

    /**
     * A Hetzner Cloud x86 server as the agent finds it: random name, public IPv4 /32 from DHCP behind
     * 172.31.1.1, {@code 2a01:4f8:xxxx:xxxx::1/64} via fe80::1, MAC 96:00:xx:xx:xx:xx, random instance
     * id and UUID, 1 to 3 ed25519 keys.
     */
    public RuntimeInfo hetzner() {
        String instanceId = Long.toString(10_000_000L + random.nextLong(90_000_000L));
        String name = hostName();
        List<String> keys = new ArrayList<>();
        int keyCount = 1 + random.nextInt(3);
        for (int i = 0; i < keyCount; i++) {
            keys.add(SshKeys.ed25519(random, word(3 + random.nextInt(6)) + "@" + word(3 + random.nextInt(8))));
        }
        String v6 = "2a01:4f8:" + Integer.toHexString(random.nextInt(0x10000)) + ":"
                + Integer.toHexString(random.nextInt(0x10000)) + "::1/64";
        Nic nic = new Nic(
                mac("96:00"),
                "eth0",
                "virtio_net",
                List.of(new Address(publicV4() + "/32", true), new Address(v6, false)),
                List.of(
                        Route.viaGateway(Route.DEFAULT, "172.31.1.1", false),
                        Route.onLink("172.31.1.1/32"),
                        Route.viaGateway(Route.DEFAULT, "fe80::1", false)));
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                name,
                hex(8),
                new Machine(instanceId, uuid(), "Hetzner", "vServer"),
                Architecture.X86_64,
                Firmware.BIOS,
                keys,
                List.of(new Disk(
                        "sda",
                        "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0",
                        "drive-scsi0-0-0-0",
                        null,
                        pick(List.of(20L, 40L, 80L, 160L, 240L, 360L)) * 1_024_000_000L,
                        "QEMU HARDDISK",
                        "virtio_scsi")),
                List.of(nic),
                List.of(),
                List.of("185.12.64.1", "185.12.64.2", "2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2"),
                new Provider("hetzner", instanceId, "eu-central", pick(ZONES)));
    }

    /** Random printable ASCII without spaces, quotes or backslashes (a confirmation token, a value). */
    public String token(int maxLength) {
        return pickChars(TOKEN, 1 + random.nextInt(maxLength));
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private Machine machine() {
        return switch (random.nextInt(3)) {
            case 0 -> new Machine(token(20), null, maybe(text(20)), maybe(text(20)));
            case 1 -> new Machine(null, uuid(), maybe(text(20)), null);
            default -> new Machine(token(20), uuid(), "Hetzner", "vServer");
        };
    }

    private Disk disk() {
        String name = pick(List.of("sda", "vda", "nvme0n1", "xvdb")) + (random.nextBoolean() ? "" : word(3));
        return new Disk(
                name,
                random.nextBoolean() ? "/dev/disk/by-id/" + pickChars(BY_ID, 1 + random.nextInt(60)) : null,
                maybe(token(30)),
                random.nextBoolean() ? "0x5" + hex(15) : null,
                1 + random.nextLong(1L << 45),
                maybe(text(30)),
                random.nextBoolean() ? pick(DISK_DRIVERS) : null);
    }

    private Nic nic(String mac) {
        List<Address> addresses = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            addresses.add(new Address(v4() + "/" + random.nextInt(33), random.nextBoolean()));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            addresses.add(new Address(v6() + "/" + random.nextInt(129), false));
        }
        List<Route> routes = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            routes.add(route());
        }
        return new Nic(
                mac,
                random.nextBoolean() ? pick(List.of("eth0", "ens3", "enp1s0", "ens10")) : null,
                random.nextBoolean() ? pick(NIC_DRIVERS) : null,
                addresses,
                routes);
    }

    private Route route() {
        return switch (random.nextInt(5)) {
            case 0 -> Route.onLink(v4() + "/32");
            case 1 -> Route.viaGateway(Route.DEFAULT, v4(), random.nextBoolean());
            case 2 -> Route.viaGateway(Route.DEFAULT, random.nextBoolean() ? "fe80::1" : v6(), random.nextBoolean());
            case 3 -> Route.viaGateway(v4() + "/" + random.nextInt(33), v4(), random.nextBoolean());
            default -> Route.onLink(v6() + "/" + random.nextInt(129));
        };
    }

    private Provider provider() {
        return new Provider(
                pick(List.of("hetzner", "other")),
                maybe(Long.toString(random.nextLong(1L << 40))),
                maybe(pick(List.of("eu-central", "us-east", "us-west", "ap-southeast"))),
                maybe(pick(ZONES)));
    }

    private String hostName() {
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 63 : 12);
        StringBuilder out = new StringBuilder(pickChars(LABEL, length));
        for (int i = 1; i < length - 1; i++) {
            if (random.nextInt(8) == 0) {
                out.setCharAt(i, '-');
            }
        }
        return out.toString();
    }

    private String publicV4() {
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    private String v4() {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private String v6() {
        return switch (random.nextInt(3)) {
            case 0 -> "2a01:4f8:" + hex(4) + ":" + hex(4) + "::" + Integer.toHexString(random.nextInt(0x10000));
            case 1 -> "fe80::" + hex(4) + ":" + hex(2) + "ff:fe" + hex(2) + ":" + hex(4);
            default -> {
                StringBuilder out = new StringBuilder(hex(4));
                for (int i = 0; i < 7; i++) {
                    out.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
                }
                yield out.toString();
            }
        };
    }

    private String mac(String prefix) {
        return prefix + ":" + hex(2) + ":" + hex(2) + ":" + hex(2) + ":" + hex(2);
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String hex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    private String word(int maxLength) {
        return pickChars("abcdefghijklmnopqrstuvwxyz", 1 + random.nextInt(maxLength));
    }

    private String text(int maxLength) {
        String text = pickChars(TEXT, 1 + random.nextInt(maxLength));
        return text.isBlank() ? "x" : text;
    }

    private String maybe(String value) {
        return random.nextBoolean() ? value : null;
    }

    private String pickChars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
