package dev.reinstaller.installer.network;

import dev.reinstaller.installer.hardware.LiveNic;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the network phase does, as data: the {@code ip} commands that give every NIC of runtime info
 * (found here by MAC, whatever its name) its addresses and routes, and the gateways to prove. Pure, so
 * tests check it without a network. IPv6 addresses are added with {@code nodad}: the ramdisk must be
 * reachable at once, and the address was the host's own a minute ago. A gateway outside the NIC's
 * subnets gets {@code onlink}, or a link-scope host route where runtime info recorded one.
 *
 * @param commands {@code ip} invocations in order
 * @param gateways next hops that must answer (a neighbour entry) before the network counts as proven
 */
record NetworkPlan(List<List<String>> commands, List<Gateway> gateways) {

    /** A next hop to prove, on an interface. */
    record Gateway(String address, String device) {
        boolean isV6() {
            return address.indexOf(':') >= 0;
        }
    }

    static NetworkPlan of(List<Nic> nics, List<LiveNic> live) {
        Map<String, LiveNic> byMac =
                live.stream().collect(Collectors.toMap(LiveNic::mac, Function.identity(), (a, b) -> a));
        List<List<String>> commands = new ArrayList<>();
        List<Gateway> gateways = new ArrayList<>();
        for (Nic nic : nics) {
            LiveNic here = byMac.get(nic.mac());
            if (here == null) {
                throw InstallerException.refused("runtime info names a NIC with MAC " + nic.mac() + " (" + nic.name()
                        + " on the old host), but no NIC here has it (here: "
                        + live.stream().map(n -> n.name() + "=" + n.mac()).toList() + ")");
            }
            String dev = here.name();
            commands.add(List.of("ip", "link", "set", "dev", dev, "up"));
            for (Address address : nic.addresses()) {
                commands.add(
                        address.isV6()
                                ? List.of("ip", "-6", "addr", "replace", address.cidr(), "dev", dev, "nodad")
                                : List.of("ip", "-4", "addr", "replace", address.cidr(), "dev", dev));
            }
            List<Route> routes = new ArrayList<>(nic.routes());
            routes.sort((a, b) -> Boolean.compare(!a.linkScope(), !b.linkScope()));
            for (Route route : routes) {
                commands.add(route(route, dev));
                if (route.via() != null && route.isDefault()) {
                    gateways.add(new Gateway(route.via(), dev));
                }
            }
        }
        return new NetworkPlan(commands, gateways);
    }

    private static List<String> route(Route route, String dev) {
        String family = route.isV6() ? "-6" : "-4";
        if (route.linkScope()) {
            return List.of("ip", family, "route", "replace", route.to(), "dev", dev, "scope", "link");
        }
        List<String> argv =
                new ArrayList<>(List.of("ip", family, "route", "replace", route.to(), "via", route.via(), "dev", dev));
        if (route.onLink()) {
            argv.add("onlink");
        }
        return List.copyOf(argv);
    }
}
