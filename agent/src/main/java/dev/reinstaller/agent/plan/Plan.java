package dev.reinstaller.agent.plan;

import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.SkippedInterface;
import dev.reinstaller.protocol.Wipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an install would do, in words: the disk that is wiped (and what is on it now), the layout it
 * gets, the network the new system restores, the flake, and the confirmation token. Building a plan
 * changes nothing.
 *
 * @param host host name
 * @param machine machine identity line
 * @param disk the disk that will be wiped
 * @param diskNow what is on that disk now (partitions, mounts, pools, signatures)
 * @param oldData what happens to the old data on the disk ({@code --wipe})
 * @param layout partitions and datasets after the install
 * @param network what the new system configures, NIC by NIC
 * @param notRestored interfaces that are left behind
 * @param ssh root keys and the unlock port
 * @param flake the flake the installer writes
 * @param findings warnings from gathering facts
 * @param confirmationToken the token {@code install --confirm} needs
 */
public record Plan(
        String host,
        String machine,
        String disk,
        List<String> diskNow,
        String oldData,
        List<String> layout,
        List<String> network,
        List<String> notRestored,
        List<String> ssh,
        List<String> flake,
        List<String> findings,
        String confirmationToken) {

    public static final long MIB = 1L << 20;

    public Plan {
        diskNow = List.copyOf(diskNow);
        layout = List.copyOf(layout);
        network = List.copyOf(network);
        notRestored = List.copyOf(notRestored);
        ssh = List.copyOf(ssh);
        flake = List.copyOf(flake);
        findings = List.copyOf(findings);
    }

    public static Plan of(RuntimeInfo info, List<String> diskNow, List<String> findings) {
        return of(info, diskNow, findings, Wipe.ZERO);
    }

    public static Plan of(RuntimeInfo info, List<String> diskNow, List<String> findings, Wipe wipe) {
        Disk disk = info.targetDisk();
        String machine = String.join(
                ", ",
                nonNull(
                        info.machine().manufacturer(),
                        info.machine().product(),
                        info.machine().serial() == null
                                ? null
                                : "serial " + info.machine().serial(),
                        info.arch().wire(),
                        info.firmware().wire()));
        return new Plan(
                info.hostName(),
                machine,
                describe(disk),
                diskNow.isEmpty() ? List.of("no partitions, mounts or signatures found") : diskNow,
                oldData(wipe),
                layout(disk),
                network(info),
                info.skipped().stream()
                        .map((SkippedInterface s) -> s.name() + " (" + s.kind() + ")")
                        .toList(),
                ssh(info),
                List.of(
                        "/etc/nixos/flake.nix with nixosConfigurations." + info.hostName(),
                        "/etc/nixos/runtime-info.json (this runtime info; no secrets)",
                        "networking.hostId " + info.hostId() + ", nixpkgs.hostPlatform "
                                + info.arch().nixSystem()),
                withIdentityFinding(info, findings),
                ConfirmationToken.of(info));
    }

    /** What {@code --wipe} means for the old data, in words. */
    public static String oldData(Wipe wipe) {
        return switch (wipe) {
            case ZERO ->
                "the whole disk is zeroed (blkdiscard -z) before partitioning: nothing of the old system stays"
                        + " readable";
            case NONE ->
                "NOT zeroed (--wipe none): only signatures and the partition table are cleared; the old"
                        + " system's files stay readable in the blocks the new pool does not overwrite";
        };
    }

    private static List<String> withIdentityFinding(RuntimeInfo info, List<String> findings) {
        if (info.machine().hasIdentity() || findings.stream().anyMatch(f -> f.contains("DMI"))) {
            return findings;
        }
        List<String> all = new ArrayList<>(findings);
        all.add("this machine reports no DMI serial or UUID: the confirmation token binds only the disk");
        return all;
    }

    static String describe(Disk disk) {
        List<String> parts = new ArrayList<>();
        parts.add(disk.devicePath());
        if (disk.byId() != null) {
            parts.add(disk.byId());
        }
        parts.add("serial " + (disk.serial() == null ? "(none)" : disk.serial()));
        if (disk.wwn() != null) {
            parts.add("wwn " + disk.wwn());
        }
        parts.add(size(disk.sizeBytes()) + " (" + disk.sizeBytes() + " bytes)");
        if (disk.model() != null) {
            parts.add(disk.model());
        }
        if (disk.driver() != null) {
            parts.add("on " + disk.driver());
        }
        return String.join(", ", parts);
    }

    static List<String> layout(Disk disk) {
        long zfs = disk.sizeBytes() - 1 * MIB - 1024 * MIB - 2 * MIB;
        return List.of(
                "GPT, old signatures and ZFS labels cleared first",
                "partition 1: 1 MiB BIOS boot (EF02), for GRUB on BIOS machines",
                "partition 2: 1 GiB EFI system partition (EF00, vfat), mounted at /boot",
                "partition 3: " + size(zfs) + " ZFS pool rpool (ashift=12), encrypted aes-256-gcm with your passphrase",
                "datasets: rpool/local/root at / (snapshot @blank), rpool/local/nix at /nix,"
                        + " rpool/safe/home at /home, rpool/safe/persist at /persist, rpool/reserved (refreservation)");
    }

    static List<String> network(RuntimeInfo info) {
        List<String> lines = new ArrayList<>();
        if (info.nics().isEmpty()) {
            lines.add("no physical NIC with an address: the new system gets no network configuration");
        }
        for (Nic nic : info.nics()) {
            lines.add("NIC " + nic.mac() + (nic.name() == null ? "" : " (now " + nic.name() + ")")
                    + (nic.driver() == null ? "" : ", driver " + nic.driver()));
            for (Address a : nic.addresses()) {
                lines.add("  address " + a.cidr() + (a.dhcp() ? " (DHCP on this host; DHCP in the new system)" : ""));
            }
            for (Route r : nic.routes()) {
                lines.add("  route " + route(r));
            }
        }
        if (!info.nameServers().isEmpty()) {
            lines.add("DNS " + String.join(", ", info.nameServers()));
        }
        return lines;
    }

    private static String route(Route r) {
        if (r.linkScope()) {
            return r.to() + " on the link";
        }
        return r.to() + " via " + r.via() + (r.onLink() ? " (on-link)" : "");
    }

    static List<String> ssh(RuntimeInfo info) {
        List<String> lines = new ArrayList<>();
        lines.add(info.authorizedKeys().size() + " root key(s) keep access:");
        for (String key : info.authorizedKeys()) {
            String[] parts = key.split(" ", 3);
            lines.add("  " + parts[0] + (parts.length > 2 ? " " + parts[2] : ""));
        }
        if (info.authorizedKeys().isEmpty()) {
            lines.add("  none: nobody could log in to the new system or unlock its disk over SSH");
        }
        lines.add("after the install, the disk is unlocked over SSH on port 2222, then SSH runs on port 22");
        return lines;
    }

    /** Decimal units, as disk vendors and the Hetzner console print them. */
    static String size(long bytes) {
        if (bytes >= 1_000_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f TB", bytes / 1e12);
        }
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static List<String> nonNull(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
