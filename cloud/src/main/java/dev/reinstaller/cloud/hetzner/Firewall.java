package dev.reinstaller.cloud.hetzner;

import java.util.List;

/**
 * A Hetzner firewall attached to a server. A server with any firewall attached drops inbound traffic
 * that no rule allows.
 */
public record Firewall(long id, String name, List<Rule> rules) {
    public Firewall {
        rules = List.copyOf(rules);
    }

    /** Whether some inbound TCP rule lets {@code port} in (from anywhere: the operator's address is unknown). */
    public boolean allowsTcpIn(int port) {
        return rules.stream().anyMatch(r -> r.inbound() && r.protocol().equals("tcp") && r.covers(port));
    }

    /**
     * One rule.
     *
     * @param inbound direction {@code in}
     * @param protocol tcp, udp, icmp, esp, gre
     * @param port {@code 22}, {@code 80-85}, or empty for every port
     * @param sourceIps CIDRs the rule admits
     */
    public record Rule(boolean inbound, String protocol, String port, List<String> sourceIps) {
        public Rule {
            port = port == null ? "" : port;
            sourceIps = List.copyOf(sourceIps);
        }

        boolean covers(int p) {
            if (port.isBlank() || port.equals("any")) {
                return true;
            }
            String[] range = port.split("-", 2);
            try {
                int low = Integer.parseInt(range[0].strip());
                int high = range.length == 2 ? Integer.parseInt(range[1].strip()) : low;
                return low <= p && p <= high;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
