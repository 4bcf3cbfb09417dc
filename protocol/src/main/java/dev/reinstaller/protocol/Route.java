package dev.reinstaller.protocol;

import java.net.InetAddress;

/**
 * A route on a NIC. A gateway outside the NIC's subnets is reachable either because the route
 * carries the on-link flag, or because a link-scope host route to the gateway exists: both forms
 * are kept as found.
 *
 * @param to {@code default} or a destination in CIDR form
 * @param via gateway address, absent for a link-scope route
 * @param onLink the gateway is on the link even though no address covers it
 * @param linkScope the destination is directly on the link (e.g. {@code 172.31.1.1/32 scope link})
 */
public record Route(String to, String via, boolean onLink, boolean linkScope) {
    public static final String DEFAULT = "default";

    public Route {
        Check.present("route.to", to);
        boolean v6Destination = false;
        if (!to.equals(DEFAULT)) {
            int slash = to.indexOf('/');
            if (slash < 0) {
                throw new InvalidFieldException(
                        "route.to", "'" + Quoted.of(to) + "' is neither 'default' nor an address/prefix");
            }
            InetAddress dst = Check.ip("route.to", to.substring(0, slash));
            Check.prefix("route.to", dst, to.substring(slash + 1));
            v6Destination = Check.isV6(dst);
        }
        if (via != null) {
            InetAddress gw = Check.ip("route.via", via);
            if (!to.equals(DEFAULT) && Check.isV6(gw) != v6Destination) {
                throw new InvalidFieldException(
                        "route.via", "'" + Quoted.of(via) + "' is not of the same family as " + to);
            }
            if (linkScope) {
                throw new InvalidFieldException("route", "a link-scope route to " + to + " has no gateway");
            }
        } else if (!linkScope) {
            throw new InvalidFieldException("route", "route to " + to + " needs a gateway or link scope");
        }
        if (onLink && via == null) {
            throw new InvalidFieldException("route.onLink", "is set but the route to " + to + " has no gateway");
        }
    }

    public static Route viaGateway(String to, String via, boolean onLink) {
        return new Route(to, via, onLink, false);
    }

    public static Route onLink(String to) {
        return new Route(to, null, false, true);
    }

    public boolean isDefault() {
        return to.equals(DEFAULT);
    }

    /** True for IPv6 routes; a default route takes the family of its gateway. */
    public boolean isV6() {
        return isDefault() ? via != null && via.indexOf(':') >= 0 : to.indexOf(':') >= 0;
    }
}
