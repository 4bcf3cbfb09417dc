package dev.reinstaller.protocol;

import java.util.List;

/** Hand-written runtime info of typical hosts, the same facts the golden files hold. */
final class Hosts {
    static final String ALICE =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDORw2X4s5/GVxdXVP4EXthG60s7DJ6fdeTwmcsQjRje alice@laptop";
    static final String DEPLOY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINf22v4x9Y/rW/2J5Yj7enW9qgoM78yAinNittJgegpP deploy@ci";
    static final String HETZNER_BY_ID = "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0";
    static final String HETZNER_DISK_SERIAL = "drive-scsi0-0-0-0";

    private Hosts() {}

    /**
     * A Hetzner Cloud x86 server as the agent sees it on stock Debian: IPv4 /32 from DHCP with a
     * link-scope host route to 172.31.1.1 and the default route via it, IPv6 /64 via fe80::1, one
     * virtio-scsi disk, two ed25519 keys.
     */
    static RuntimeInfo hetzner() {
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                "web-01",
                "9e795e3c",
                new Machine("58631442", "3c5e7a1b-9d2f-4e6a-8b0c-1d2e3f4a5b6c", "Hetzner", "vServer"),
                Architecture.X86_64,
                Firmware.BIOS,
                List.of(ALICE, DEPLOY),
                List.of(hetznerDisk()),
                List.of(new Nic(
                        "96:00:02:a7:3c:15",
                        "eth0",
                        "virtio_net",
                        List.of(new Address("116.203.45.67/32", true), new Address("2a01:4f8:c012:3456::1/64", false)),
                        List.of(
                                Route.viaGateway(Route.DEFAULT, "172.31.1.1", false),
                                Route.onLink("172.31.1.1/32"),
                                Route.viaGateway(Route.DEFAULT, "fe80::1", false)))),
                List.of(),
                List.of("185.12.64.1", "185.12.64.2", "2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2"),
                new Provider("hetzner", "58631442", "eu-central", "fsn1-dc14"));
    }

    static Disk hetznerDisk() {
        return new Disk(
                "sda", HETZNER_BY_ID, HETZNER_DISK_SERIAL, null, 40_960_000_000L, "QEMU HARDDISK", "virtio_scsi");
    }

    /** An ARM (CAX) server: EFI only, NIC named enp1s0, on-link flag instead of a host route, no provider. */
    static RuntimeInfo armWithoutProvider() {
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                "arm-7",
                "0badcafe",
                new Machine(null, "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", null, null),
                Architecture.AARCH64,
                Firmware.EFI,
                List.of(ALICE),
                List.of(new Disk("vda", null, null, "0x5000c500a1b2c3d4", 80_000_000_000L, null, "virtio_blk")),
                List.of(new Nic(
                        "96:00:03:00:00:01",
                        "enp1s0",
                        null,
                        List.of(new Address("198.51.100.7/32", false)),
                        List.of(Route.viaGateway(Route.DEFAULT, "172.31.1.1", true)))),
                List.of(new SkippedInterface("docker0", "bridge"), new SkippedInterface("veth1a2b3c", "veth")),
                List.of(),
                null);
    }
}
