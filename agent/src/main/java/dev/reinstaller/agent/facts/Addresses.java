package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of one interface worth restoring: global scope only (link-local addresses come back
 * by themselves), no IPv6 privacy addresses. An IPv4 address counts as DHCP when the kernel holds it
 * with a lifetime ({@code dynamic}) or a {@code proto dhcp} route names it as its source.
 */
final class Addresses {
    private Addresses() {}

    static List<Address> global(String device, JsonNode addrInfo, List<JsonNode> routes, Findings findings) {
        List<Address> addresses = new ArrayList<>();
        for (JsonNode info : addrInfo) {
            String family = Commands.text(info, "family");
            String local = Commands.text(info, "local");
            if (local == null || !"global".equals(Commands.text(info, "scope"))) {
                continue;
            }
            boolean v6 = "inet6".equals(family);
            if (v6 && info.path("temporary").asBoolean(false)) {
                continue;
            }
            boolean dynamic = info.path("dynamic").asBoolean(false);
            boolean dhcp = !v6 && (dynamic || dhcpSource(device, local, routes));
            if (v6 && dynamic) {
                findings.info(
                        "network",
                        device + ": " + local + " came from router advertisements or DHCPv6; the new system"
                                + " gets it as a static address");
            }
            String cidr = local + "/" + info.path("prefixlen").asInt(v6 ? 128 : 32);
            try {
                Address address = new Address(cidr, dhcp);
                if (!addresses.contains(address)) {
                    addresses.add(address);
                }
            } catch (InvalidFieldException e) {
                findings.warn("network", device + ": address " + cidr + " skipped: " + e.getMessage());
            }
        }
        return addresses;
    }

    private static boolean dhcpSource(String device, String local, List<JsonNode> routes) {
        return routes.stream()
                .anyMatch(r -> device.equals(Commands.text(r, "dev"))
                        && "dhcp".equals(Commands.text(r, "protocol"))
                        && local.equals(Commands.text(r, "prefsrc")));
    }
}
