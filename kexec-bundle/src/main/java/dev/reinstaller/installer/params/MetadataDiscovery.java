package dev.reinstaller.installer.params;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.hardware.LiveDisk;
import dev.reinstaller.installer.hardware.LiveNic;
import dev.reinstaller.installer.hardware.NetDevices;
import dev.reinstaller.installer.hardware.Platform;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.Waits;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Provider;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reinstaller.source=metadata}: builds runtime info in the ramdisk from the metadata service and
 * the live hardware. Minimal on purpose: host name, instance, region and zone, root's keys, the public
 * NIC (matched by the MAC the service names) with its IPv4 /32 behind Hetzner's on-link gateway and its
 * static IPv6 /64, the resolvers; DMI identity, architecture, firmware; the one disk that can hold a
 * system. Private networks are not restored. It asks the service only on a Hetzner machine (DMI
 * {@code sys_vendor}) or when {@code reinstaller.metadata=} names a URL.
 *
 * <p>The service must be reachable when params runs, before the network phase: a link-local service
 * address gets temporary link-local addresses on every NIC for the time of discovery ({@link
 * LinkLocal}).
 */
final class MetadataDiscovery {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String HETZNER_V4_GATEWAY = "172.31.1.1";
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(60);

    private final InstallerPaths paths;
    private final MetadataSource.Factory metadata;
    private final Clock clock;
    private final Events events;
    private final Processes processes;

    MetadataDiscovery(
            InstallerPaths paths, MetadataSource.Factory metadata, Clock clock, Events events, Processes processes) {
        this.paths = paths;
        this.metadata = metadata;
        this.clock = clock;
        this.events = events;
        this.processes = processes;
    }

    RuntimeInfo discover(URI url) {
        DmiIdentity dmi = DmiIdentity.read(paths.files());
        if (url == null && !dmi.isHetzner()) {
            throw InstallerException.refused("reinstaller.source=metadata without reinstaller.metadata=URL works on"
                    + " Hetzner only, and this machine's DMI vendor is '" + dmi.vendor() + "'");
        }
        URI base = url == null ? MetadataSource.HETZNER : url;
        try (LinkLocal _ = LinkLocal.needed(base.getHost())
                ? LinkLocal.up(processes, events, new NetDevices(paths).physical())
                : LinkLocal.none(processes, events)) {
            return discover(base, dmi);
        }
    }

    private RuntimeInfo discover(URI base, DmiIdentity dmi) {
        MetadataSource source = metadata.at(base);
        String hostName = firstAnswer(source, base);
        String instanceId = source.leaf("instance-id").map(String::strip).orElse(null);
        if (instanceId != null && dmi.serial() != null && !instanceId.equals(dmi.serial())) {
            events.log(
                    Phase.PARAMS,
                    "metadata instance-id " + instanceId + " differs from the DMI serial " + dmi.serial()
                            + "; the DMI serial identifies the machine");
        }
        NetworkConfigScan network =
                NetworkConfigScan.of(source.leaf("network-config").orElse(""));
        try {
            Machine machine = new Machine(dmi.serial(), dmi.uuid(), dmi.vendor(), dmi.product());
            return new RuntimeInfo(
                    RuntimeInfo.SCHEMA_VERSION,
                    hostName,
                    InfoCodec.crc(("machine:" + machine.identity()).getBytes(StandardCharsets.UTF_8)),
                    machine,
                    Platform.architecture(paths),
                    Platform.firmware(paths),
                    keys(source.leaf("public-keys").orElse("")),
                    List.of(targetDisk()),
                    nics(network, source.leaf("public-ipv4").map(String::strip).filter(s -> !s.isEmpty())),
                    List.of(),
                    network.nameServers(),
                    new Provider(
                            "hetzner",
                            instanceId,
                            source.leaf("region").map(String::strip).orElse(null),
                            source.leaf("availability-zone").map(String::strip).orElse(null)));
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent("metadata from " + base + " and this hardware do not make valid"
                    + " runtime info: " + e.getMessage());
        }
    }

    /** The host name, asked until the service answers or a minute passes (the link may still settle). */
    private String firstAnswer(MetadataSource source, URI base) {
        List<String> errors = new ArrayList<>();
        Optional<String> hostName =
                Waits.poll(clock, clock.after(FIRST_ANSWER), Duration.ofSeconds(1), Duration.ofSeconds(8), () -> {
                    try {
                        return Optional.of(source.leaf("hostname").orElse(""));
                    } catch (InstallerException e) {
                        errors.add(e.getMessage());
                        return Optional.empty();
                    }
                });
        String name = hostName.orElseThrow(() -> new InstallerException(
                InstallerException.Category.TRANSIENT,
                "the metadata service at " + base + " did not answer within " + FIRST_ANSWER.toSeconds() + " s: "
                        + (errors.isEmpty() ? "no attempt" : errors.getLast())));
        String label = name.strip().split("\\.", 2)[0];
        if (label.isEmpty()) {
            throw InstallerException.permanent("the metadata service at " + base + " gives no hostname");
        }
        return label;
    }

    private Disk targetDisk() {
        List<LiveDisk> disks = new BlockDevices(paths).candidates();
        if (disks.size() != 1) {
            throw InstallerException.refused("reinstaller.source=metadata needs exactly one disk to choose, found "
                    + disks.stream().map(LiveDisk::name).toList()
                    + "; boot with runtime info from `reinstaller-agent cmdline --disk DEV` instead");
        }
        LiveDisk d = disks.getFirst();
        return new Disk(
                d.name(),
                new BlockDevices(paths).byId(d.name()).orElse(null),
                d.serial(),
                d.wwid(),
                d.sizeBytes(),
                d.model(),
                d.driver());
    }

    private List<Nic> nics(NetworkConfigScan network, Optional<String> ipv4) {
        List<LiveNic> live = new NetDevices(paths).physical();
        String publicMac =
                network.mac().orElse(live.isEmpty() ? null : live.getFirst().mac());
        List<Nic> nics = new ArrayList<>();
        for (LiveNic nic : live) {
            List<Address> addresses = new ArrayList<>();
            List<Route> routes = new ArrayList<>();
            if (nic.mac().equals(publicMac)) {
                ipv4.ifPresent(ip -> {
                    addresses.add(new Address(ip + "/32", true));
                    routes.add(Route.viaGateway(Route.DEFAULT, HETZNER_V4_GATEWAY, true));
                });
                network.ipv6().ifPresent(cidr -> addresses.add(new Address(cidr, false)));
                network.gateway6().ifPresent(gw -> routes.add(Route.viaGateway(Route.DEFAULT, gw, false)));
            }
            nics.add(new Nic(nic.mac(), nic.name(), nic.driver(), addresses, routes));
        }
        return nics;
    }

    /**
     * The SSH keys of {@code public-keys}: a JSON array ({@code ["ssh-…"]}) or a YAML block list
     * ({@code - ssh-…}), both of which are YAML; only lines that look like keys count.
     */
    private static List<String> keys(String text) {
        if (text.strip().startsWith("[")) {
            try {
                List<String> keys = new ArrayList<>();
                JSON.readTree(text).forEach(key -> keys.add(key.asText().strip()));
                return keys.stream().filter(MetadataDiscovery::looksLikeKey).toList();
            } catch (JacksonException e) {
                return List.of();
            }
        }
        return text.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("- "))
                .map(l -> l.substring(2).strip())
                .map(l -> l.length() >= 2 && (l.startsWith("'") || l.startsWith("\""))
                        ? l.substring(1, l.length() - 1)
                        : l)
                .filter(MetadataDiscovery::looksLikeKey)
                .toList();
    }

    private static boolean looksLikeKey(String line) {
        return line.startsWith("ssh-") || line.startsWith("ecdsa-") || line.startsWith("sk-");
    }
}
