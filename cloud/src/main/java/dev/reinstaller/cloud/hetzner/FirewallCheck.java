package dev.reinstaller.cloud.hetzner;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Before anything runs: do the Hetzner firewalls applied to each server let the reinstall's SSH in
 * (the old host's and ramdisk's port, and the initrd's unlock port)? A server with no firewall lets
 * everything in; with some, a port is open when any of them has an inbound TCP rule for it (their
 * rules add up). One API call per server.
 */
public final class FirewallCheck {
    private final HetznerApi api;

    public FirewallCheck(HetznerApi api) {
        this.api = api;
    }

    /** One message per server that has a port blocked, naming the firewalls and the ports; empty when all pass. */
    public List<String> blocked(List<Server> servers, int... ports) {
        List<String> problems = new ArrayList<>();
        for (Server server : servers) {
            List<Firewall> firewalls = api.firewallsOf(server);
            if (firewalls.isEmpty()) {
                continue;
            }
            List<Integer> closed = IntStream.of(ports)
                    .filter(port -> firewalls.stream().noneMatch(f -> f.allowsTcpIn(port)))
                    .boxed()
                    .toList();
            if (!closed.isEmpty()) {
                problems.add("server " + server + ": firewall "
                        + String.join(
                                ", ",
                                firewalls.stream()
                                        .map(f -> f.name() + " (" + f.id() + ")")
                                        .toList())
                        + " lets no TCP in on port "
                        + String.join(
                                " and ", closed.stream().map(String::valueOf).toList()));
            }
        }
        return problems;
    }
}
