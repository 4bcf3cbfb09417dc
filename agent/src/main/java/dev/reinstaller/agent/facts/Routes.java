package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.InvalidFieldException;
import dev.reinstaller.protocol.Route;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The routes of one interface worth restoring. Prefix routes that only mirror an address (the kernel
 * adds them again when the address is set) and non-unicast routes are left out. An on-link gateway is
 * kept in the form found: the {@code onlink} flag, or a link-scope host route to the gateway (Hetzner's
 * DHCP form, {@code 172.31.1.1 dev eth0 scope link}), or the peer of a point-to-point address.
 */
final class Routes {
    private Routes() {}

    static List<Route> forDevice(
            String device, List<JsonNode> routes, List<Address> addresses, JsonNode addrInfo, Findings findings) {
        List<Route> result = new ArrayList<>();
        for (JsonNode json : routes) {
            if (!device.equals(Commands.text(json, "dev"))) {
                continue;
            }
            String type = Commands.text(json, "type");
            if (type != null && !type.equals("unicast")) {
                continue;
            }
            String dst = Commands.text(json, "dst");
            if (dst == null || isLinkLocalPrefix(dst)) {
                continue;
            }
            String to =
                    dst.equals(Route.DEFAULT) || dst.contains("/") ? dst : dst + (dst.contains(":") ? "/128" : "/32");
            String gateway = Commands.text(json, "gateway");
            if (gateway == null && mirrorsAddress(to, addresses)) {
                continue;
            }
            if (gateway == null && "kernel".equals(Commands.text(json, "protocol"))) {
                continue;
            }
            boolean onLink = hasFlag(json, "onlink");
            try {
                Route route =
                        gateway != null ? Route.viaGateway(to, gateway, onLink) : new Route(to, null, false, true);
                if (!result.contains(route)) {
                    result.add(route);
                }
            } catch (InvalidFieldException e) {
                findings.warn("network", device + ": route to " + dst + " skipped: " + e.getMessage());
            }
        }
        addPeers(device, addrInfo, result, findings);
        return result;
    }

    /** A point-to-point peer ({@code inet A peer B}) makes B reachable on the link. */
    private static void addPeers(String device, JsonNode addrInfo, List<Route> result, Findings findings) {
        for (JsonNode info : addrInfo) {
            String peer = Commands.text(info, "address");
            String local = Commands.text(info, "local");
            if (peer == null || peer.equals(local) || !"global".equals(Commands.text(info, "scope"))) {
                continue;
            }
            String to = peer.contains("/") ? peer : peer + (peer.contains(":") ? "/128" : "/32");
            try {
                Route route = Route.onLink(to);
                if (!result.contains(route)) {
                    result.addFirst(route);
                    findings.info("network", device + ": peer " + peer + " kept as an on-link host route");
                }
            } catch (InvalidFieldException e) {
                findings.warn("network", device + ": peer " + peer + " skipped: " + e.getMessage());
            }
        }
    }

    private static boolean hasFlag(JsonNode route, String flag) {
        for (JsonNode f : route.path("flags")) {
            if (flag.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLinkLocalPrefix(String dst) {
        String lower = dst.toLowerCase(Locale.ROOT);
        return lower.startsWith("fe80:") || lower.startsWith("ff00:") || lower.startsWith("169.254.");
    }

    /** True when {@code to} is the network of one of the addresses (same prefix length). */
    private static boolean mirrorsAddress(String to, List<Address> addresses) {
        if (to.equals(Route.DEFAULT)) {
            return false;
        }
        try {
            int slash = to.indexOf('/');
            int prefix = Integer.parseInt(to.substring(slash + 1));
            for (Address address : addresses) {
                if (address.prefix() == prefix
                        && address.isV6() == to.contains(":")
                        && network(address.ip(), prefix).equals(network(to.substring(0, slash), prefix))) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static BigInteger network(String ip, int prefix) {
        byte[] bytes = InetAddress.ofLiteral(ip).getAddress();
        int bits = bytes.length * 8;
        BigInteger value = new BigInteger(1, bytes);
        return value.shiftRight(bits - prefix);
    }
}
