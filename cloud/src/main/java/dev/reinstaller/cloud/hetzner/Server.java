package dev.reinstaller.cloud.hetzner;

import java.util.Map;
import java.util.Optional;

/**
 * A Hetzner Cloud server as this program needs it.
 *
 * @param id server id
 * @param name server name
 * @param status {@code running}, {@code off}, {@code initializing}, ... as the API says
 * @param ipv4 the public IPv4 address, absent on IPv6-only servers
 * @param ipv6 the public IPv6 network ({@code 2a01:4f8:1:2::/64}), absent when disabled
 * @param rescueEnabled whether the next boot goes into the rescue system
 * @param labels the server's labels
 */
public record Server(
        long id,
        String name,
        String status,
        Optional<String> ipv4,
        Optional<String> ipv6,
        boolean rescueEnabled,
        Map<String, String> labels) {
    public Server {
        if (id <= 0 || name == null || name.isBlank() || status == null || ipv4 == null || ipv6 == null) {
            throw new IllegalArgumentException("a server needs an id, a name, a status and address options");
        }
        labels = Map.copyOf(labels);
    }

    /** The address to reach the server over SSH: IPv4 when it has one, else the v6 network's {@code ::1}. */
    public String sshAddress() {
        return ipv4.orElseGet(() -> ipv6.map(net -> net.replaceFirst("::/\\d+$", "::1"))
                .orElseThrow(() -> new IllegalStateException("server " + id + " has no public address")));
    }

    @Override
    public String toString() {
        return name + " (" + id + ")";
    }
}
