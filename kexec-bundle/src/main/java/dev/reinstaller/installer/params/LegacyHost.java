package dev.reinstaller.installer.params;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.hardware.LiveDisk;
import dev.reinstaller.installer.hardware.LiveNic;
import dev.reinstaller.installer.hardware.NetDevices;
import dev.reinstaller.installer.hardware.Platform;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.LegacyRuntimeInfo;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the original system's runtime info ({@code runtime_info=}, the 2021 format) into current
 * runtime info, completed from this machine: DMI identity, architecture and firmware; the disk it
 * names, as sysfs describes it; its single network bound to this machine's NIC (it recorded no MAC);
 * on a Hetzner machine (DMI vendor) the resolvers Hetzner documents, elsewhere none (it recorded
 * none). Its host then gets the same checks and flake as any other; only its confirmation must be
 * explicit ({@link LoadedInfo#explicitConfirmation}), since it bound no disk serial or size.
 */
final class LegacyHost {
    /** The resolvers Hetzner documents for every cloud server. */
    static final List<String> HETZNER_RESOLVERS =
            List.of("185.12.64.1", "185.12.64.2", "2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2");

    private LegacyHost() {}

    static LoadedInfo resolve(LegacyRuntimeInfo legacy, InstallerPaths paths, Events events) {
        DmiIdentity dmi = DmiIdentity.read(paths.files());
        Machine machine = machine(dmi);
        Disk disk = disk(paths, legacy.diskToFormat());
        Nic nic = nic(legacy, new NetDevices(paths).physical());
        List<String> resolvers = dmi.isHetzner() ? HETZNER_RESOLVERS : List.of();
        events.log(
                Phase.PARAMS,
                "the original system's runtime info names no resolvers; "
                        + (resolvers.isEmpty()
                                ? "this is no Hetzner machine, so there are none"
                                : "Hetzner's: " + String.join(" ", resolvers)));
        try {
            return new LoadedInfo(
                    new RuntimeInfo(
                            RuntimeInfo.SCHEMA_VERSION,
                            legacy.hostName().split("\\.", 2)[0],
                            legacy.hostId(),
                            machine,
                            Platform.architecture(paths),
                            Platform.firmware(paths),
                            legacy.rootAuthorizedKeys(),
                            List.of(disk),
                            List.of(nic),
                            List.of(),
                            resolvers,
                            null),
                    "legacy",
                    RuntimeInfoJson.toTree(legacy),
                    legacy.hostName(),
                    true);
        } catch (IllegalArgumentException e) {
            throw InstallerException.refused(
                    "the original system's runtime info cannot describe the new host: " + e.getMessage());
        }
    }

    private static Machine machine(DmiIdentity dmi) {
        if (dmi.serial() == null && dmi.uuid() == null) {
            throw InstallerException.refused("this machine reports neither a DMI serial nor a UUID to confirm against");
        }
        try {
            return new Machine(dmi.serial(), dmi.uuid(), dmi.vendor(), dmi.product());
        } catch (IllegalArgumentException e) {
            throw InstallerException.refused("this machine's identity cannot be confirmed: " + e.getMessage());
        }
    }

    /** The disk {@code diskToFormat} names, as sysfs describes it here. */
    private static Disk disk(InstallerPaths paths, String diskToFormat) {
        String name = LegacyDisk.kernelName(paths, diskToFormat);
        BlockDevices disks = new BlockDevices(paths);
        LiveDisk live = disks.disk(name)
                .orElseThrow(() -> InstallerException.refused("legacy runtime info names disk " + diskToFormat
                        + ", which is not in /sys/block (disks here: " + String.join(", ", disks.names()) + ")"));
        try {
            return new Disk(
                    name,
                    disks.byId(name).orElse(null),
                    live.serial(),
                    live.wwid(),
                    live.sizeBytes(),
                    live.model(),
                    live.driver());
        } catch (IllegalArgumentException e) {
            throw InstallerException.refused("this machine's identity cannot be confirmed: " + e.getMessage());
        }
    }

    /**
     * The original system's single-NIC network as a NIC of the current format, bound to this machine's
     * only physical NIC (or the one with the recorded name): legacy runtime info has no MAC.
     */
    static Nic nic(LegacyRuntimeInfo info, List<LiveNic> live) {
        LiveNic nic = live.stream()
                .filter(n -> n.name().equals(info.networkInterface()))
                .findFirst()
                .or(() -> live.size() == 1 ? Optional.of(live.getFirst()) : Optional.empty())
                .orElseThrow(() -> InstallerException.refused("legacy runtime info names interface "
                        + info.networkInterface() + " without a MAC, and this machine has "
                        + live.size() + " physical NICs "
                        + live.stream().map(LiveNic::name).toList()));
        List<Address> addresses = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        if (info.ipv4() != null && info.ipv4().address() != null) {
            addresses.add(new Address(info.ipv4().address() + "/" + info.ipv4().prefixLength(), false));
            if (info.ipv4().gateway() != null) {
                routes.add(Route.viaGateway(Route.DEFAULT, info.ipv4().gateway(), true));
            }
        }
        if (info.ipv6() != null && info.ipv6().address() != null) {
            addresses.add(new Address(info.ipv6().address() + "/" + info.ipv6().prefixLength(), false));
            if (info.ipv6().gateway() != null) {
                routes.add(Route.viaGateway(Route.DEFAULT, info.ipv6().gateway(), false));
            }
        }
        return new Nic(nic.mac(), nic.name(), nic.driver(), addresses, routes);
    }
}
