package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.InvalidFieldException;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.SkippedInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Physical NICs by MAC with their addresses and routes, from {@code ip -j}. A NIC is physical when
 * {@code /sys/class/net/<if>/device} exists; every other interface except loopback is listed as
 * skipped with its kind ({@code bridge}, {@code veth}, {@code tun}, ...).
 */
record NetworkFacts(HostFiles files, Commands commands, Findings findings) {
    static final List<String> IP_LINK = List.of("ip", "-j", "-d", "link", "show");
    static final List<String> IP_ADDR = List.of("ip", "-j", "addr", "show");
    static final List<String> IP_ROUTE_V4 = List.of("ip", "-j", "route", "show", "table", "main");
    static final List<String> IP_ROUTE_V6 = List.of("ip", "-j", "-6", "route", "show", "table", "main");

    /** NICs to restore and interfaces left behind. */
    record Result(List<Nic> nics, List<SkippedInterface> skipped) {}

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    Result gather() {
        JsonNode links = commands.json(IP_LINK);
        Map<String, JsonNode> addressesByName = byName(commands.json(IP_ADDR));
        List<JsonNode> routes = new ArrayList<>();
        commands.json(IP_ROUTE_V4).forEach(routes::add);
        commands.json(IP_ROUTE_V6).forEach(routes::add);

        List<Nic> nics = new ArrayList<>();
        List<SkippedInterface> skipped = new ArrayList<>();
        for (JsonNode link : links) {
            String name = Commands.text(link, "ifname");
            if (name == null || "loopback".equals(Commands.text(link, "link_type"))) {
                continue;
            }
            JsonNode addrInfo = addressesByName.getOrDefault(name, link).path("addr_info");
            List<Address> addresses = Addresses.global(name, addrInfo, routes, findings);
            String kind = Commands.text(link.path("linkinfo"), "info_kind");
            if (!files.exists("/sys/class/net/" + name + "/device")) {
                skip(skipped, name, kind == null ? "virtual" : kind, addresses);
                continue;
            }
            String mac = mac(link);
            if (mac == null) {
                skip(skipped, name, String.valueOf(Commands.text(link, "link_type")), addresses);
                continue;
            }
            String driver =
                    files.linkName("/sys/class/net/" + name + "/device/driver").orElse(null);
            List<Route> nicRoutes = Routes.forDevice(name, routes, addresses, addrInfo, findings);
            try {
                nics.add(new Nic(mac, name, driver, addresses, nicRoutes));
            } catch (InvalidFieldException e) {
                throw new FactsException(
                        FactsException.Category.FAILED, "NIC " + name + " (" + mac + "): " + e.getMessage(), e);
            }
        }
        warnAboutOrphanRoutes(routes, nics);
        if (nics.isEmpty()) {
            findings.warn("network", "no physical NIC found: the new system will have no network");
        } else if (nics.stream().allMatch(n -> n.addresses().isEmpty())) {
            findings.warn("network", "no physical NIC has a global address: the new system will be unreachable");
        }
        return new Result(nics, skipped);
    }

    private void skip(List<SkippedInterface> skipped, String name, String kind, List<Address> addresses) {
        String safeKind = kind.replaceAll("[^A-Za-z0-9_.-]", "_");
        skipped.add(new SkippedInterface(name, safeKind.isEmpty() ? "virtual" : safeKind));
        if (!addresses.isEmpty()) {
            findings.info(
                    "network",
                    name + " (" + safeKind + ") has "
                            + addresses.stream().map(Address::cidr).toList()
                            + "; it is not restored, so the new system will not have these addresses");
        }
    }

    private void warnAboutOrphanRoutes(List<JsonNode> routes, List<Nic> nics) {
        for (JsonNode route : routes) {
            String dev = Commands.text(route, "dev");
            if (dev == null) {
                findings.warn("network", "multipath route to " + Commands.text(route, "dst") + " skipped");
                continue;
            }
            if ("default".equals(Commands.text(route, "dst")) && nics.stream().noneMatch(n -> dev.equals(n.name()))) {
                findings.warn(
                        "network",
                        "the default route through " + dev + " is not restored (" + dev + " is not a physical NIC)");
            }
        }
    }

    /** The permanent MAC where the kernel knows one (bond members), else the current address. */
    private static String mac(JsonNode link) {
        String permanent = Commands.text(link, "permaddr");
        String mac = permanent != null ? permanent : Commands.text(link, "address");
        if (mac == null) {
            return null;
        }
        mac = mac.toLowerCase(Locale.ROOT);
        return MAC.matcher(mac).matches() ? mac : null;
    }

    private static Map<String, JsonNode> byName(JsonNode interfaces) {
        Map<String, JsonNode> map = new HashMap<>();
        for (JsonNode entry : interfaces) {
            String name = Commands.text(entry, "ifname");
            if (name != null) {
                map.put(name, entry);
            }
        }
        return map;
    }
}
