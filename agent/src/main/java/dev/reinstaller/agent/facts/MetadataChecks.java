package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.metadata.MiniYaml;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.Nic;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what the metadata service says with what the host says. Each disagreement is a warning;
 * nothing here changes the facts. An answer that is missing was already reported and is skipped.
 */
final class MetadataChecks {
    private static final String SOURCE = "metadata";

    private final Findings findings;

    MetadataChecks(Findings findings) {
        this.findings = findings;
    }

    void hostName(String remote, String local) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        String shortName = remote.strip().split("\\.", 2)[0];
        if (!shortName.equalsIgnoreCase(local)) {
            findings.warn(
                    SOURCE,
                    "the metadata service calls this server '" + remote.strip() + "', the host calls itself '" + local
                            + "'; the new system keeps '" + local + "'");
        }
    }

    void instanceId(String remote, Machine machine) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        if (!remote.strip().equals(machine.serial())) {
            findings.warn(
                    SOURCE,
                    "instance-id " + remote.strip() + " is not the DMI serial ("
                            + (machine.serial() == null ? "none" : machine.serial())
                            + "): is this the server you think it is?");
        }
    }

    void publicKeys(String remote, List<String> authorizedKeys) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        List<String> identities =
                authorizedKeys.stream().map(AuthorizedKeys::identity).toList();
        List<String> keys;
        try {
            keys = keyLines(remote);
        } catch (FactsException | IllegalArgumentException e) {
            findings.warn(SOURCE, "public-keys not understood: " + e.getMessage());
            return;
        }
        for (String line : keys) {
            if (!identities.contains(AuthorizedKeys.identity(line))) {
                findings.warn(
                        SOURCE,
                        "public key '" + AuthorizedKeys.label(line) + "' from the metadata service is"
                                + " not in root's authorized_keys; the new system does not get it");
            }
        }
    }

    /**
     * The key lines of {@code public-keys}: a JSON array, or a YAML block list ({@code - ssh-…}), both
     * of which are YAML; anything else is refused.
     */
    private static List<String> keyLines(String remote) {
        if (remote.strip().startsWith("[")) {
            List<String> keys = new ArrayList<>();
            Commands.parse(remote, "public-keys")
                    .forEach(key -> keys.add(key.asText().strip()));
            return keys;
        }
        if (!(MiniYaml.parse(remote) instanceof List<?> list)) {
            throw new IllegalArgumentException("neither a JSON array nor a YAML list");
        }
        return list.stream().map(item -> String.valueOf(item).strip()).toList();
    }

    void publicIpv4(String remote, List<Nic> nics) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        String ip = remote.strip();
        if (addresses(nics).stream().noneMatch(a -> a.ip().equals(ip))) {
            findings.warn(SOURCE, "public IPv4 " + ip + " is on no NIC of this host");
        }
    }

    /** cloud-init v1: each {@code type: physical} entry names a MAC and its static subnets. */
    void networkConfig(String remote, List<Nic> nics) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        List<Map<?, ?>> entries;
        try {
            Object root = MiniYaml.parse(remote);
            entries = maps(root instanceof Map<?, ?> map ? map.get("config") : null);
        } catch (IllegalArgumentException e) {
            findings.warn(SOURCE, "network-config not understood (" + e.getMessage() + "); not cross-checked");
            return;
        }
        for (Map<?, ?> entry : entries) {
            if (!"physical".equals(entry.get("type")) || !(entry.get("mac_address") instanceof String mac)) {
                continue;
            }
            Optional<Nic> nic = byMac(nics, mac);
            if (nic.isEmpty()) {
                findings.warn(
                        SOURCE,
                        "network-config names NIC " + mac.toLowerCase(Locale.ROOT) + " (" + entry.get("name")
                                + "), which this host does not have");
                continue;
            }
            for (Map<?, ?> subnet : maps(entry.get("subnets"))) {
                if ("static".equals(subnet.get("type")) && subnet.get("address") instanceof String cidr) {
                    checkAddress(nic.get(), cidr, "network-config");
                }
            }
        }
    }

    /** Each private network names the MAC of its NIC and the address on it. */
    void privateNetworks(String remote, List<Nic> nics) {
        if (remote == null || remote.isBlank()) {
            return;
        }
        List<Map<?, ?>> entries;
        try {
            entries = maps(MiniYaml.parse(remote));
        } catch (IllegalArgumentException e) {
            findings.warn(SOURCE, "private-networks not understood (" + e.getMessage() + "); not cross-checked");
            return;
        }
        for (Map<?, ?> entry : entries) {
            if (!(entry.get("mac_address") instanceof String mac)) {
                continue;
            }
            Optional<Nic> nic = byMac(nics, mac);
            if (nic.isEmpty()) {
                findings.warn(
                        SOURCE,
                        "private network " + entry.get("network_name") + " is on NIC " + mac.toLowerCase(Locale.ROOT)
                                + ", which this host does not have");
            } else if (entry.get("ip") instanceof String ip) {
                checkAddress(nic.get(), ip, "private network " + entry.get("network_name"));
            }
        }
    }

    private void checkAddress(Nic nic, String cidrOrIp, String where) {
        String ip = cidrOrIp.contains("/") ? cidrOrIp.substring(0, cidrOrIp.indexOf('/')) : cidrOrIp;
        boolean present = nic.addresses().stream().anyMatch(a -> sameIp(a.ip(), ip));
        if (!present) {
            findings.warn(
                    SOURCE,
                    where + " puts " + cidrOrIp + " on " + nic.name() + " (" + nic.mac()
                            + "), but the host does not have it there");
        }
    }

    private static boolean sameIp(String a, String b) {
        try {
            return InetAddress.ofLiteral(a).equals(InetAddress.ofLiteral(b));
        } catch (IllegalArgumentException e) {
            return a.equalsIgnoreCase(b);
        }
    }

    private static Optional<Nic> byMac(List<Nic> nics, String mac) {
        String lower = mac.strip().toLowerCase(Locale.ROOT);
        return nics.stream().filter(n -> n.mac().equals(lower)).findFirst();
    }

    private static List<Address> addresses(List<Nic> nics) {
        return nics.stream().flatMap(n -> n.addresses().stream()).toList();
    }

    private static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    result.add(map);
                }
            }
        }
        return result;
    }
}
