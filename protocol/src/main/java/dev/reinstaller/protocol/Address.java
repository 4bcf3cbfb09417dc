package dev.reinstaller.protocol;

import java.net.InetAddress;

/**
 * An address on a NIC in CIDR form, e.g. {@code 203.0.113.10/32} or {@code 2001:db8::1/64}.
 *
 * @param cidr address and prefix length
 * @param dhcp true when the old host got this IPv4 address from DHCP
 */
public record Address(String cidr, boolean dhcp) {
    public Address {
        Check.present("address.cidr", cidr);
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new InvalidFieldException("address.cidr", "'" + Quoted.of(cidr) + "' has no /prefix");
        }
        InetAddress ip = Check.ip("address.cidr", cidr.substring(0, slash));
        Check.prefix("address.cidr", ip, cidr.substring(slash + 1));
        if (dhcp && Check.isV6(ip)) {
            throw new InvalidFieldException(
                    "address.dhcp", "is set for '" + Quoted.of(cidr) + "', but dhcp is recorded for IPv4 only");
        }
    }

    public String ip() {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    public int prefix() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    public boolean isV6() {
        return ip().indexOf(':') >= 0;
    }
}
