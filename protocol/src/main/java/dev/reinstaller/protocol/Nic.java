package dev.reinstaller.protocol;

import java.util.List;

/**
 * A physical NIC, identified by its MAC: names differ between the old system and NixOS.
 *
 * @param mac permanent MAC address, lowercase
 * @param name the interface name on the old host (informational only)
 * @param driver kernel driver, e.g. {@code virtio_net}; the installed initrd loads it
 * @param addresses addresses to restore, IPv4 and IPv6
 * @param routes routes through this NIC, including on-link gateway forms
 */
public record Nic(String mac, String name, String driver, List<Address> addresses, List<Route> routes) {
    public Nic {
        Check.mac("nic.mac", mac);
        name = Check.optionalToken("nic.name", name, 15);
        driver = Check.optionalToken("nic.driver", driver, 64);
        addresses = Check.list("nic.addresses", addresses, 64);
        routes = Check.list("nic.routes", routes, 64);
    }

    public boolean hasV4() {
        return addresses.stream().anyMatch(a -> !a.isV6());
    }

    public boolean hasV6() {
        return addresses.stream().anyMatch(Address::isV6);
    }
}
