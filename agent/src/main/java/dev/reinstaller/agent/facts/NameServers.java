package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostFiles;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolvers from {@code /etc/resolv.conf}. When it points at systemd-resolved's stub (127.0.0.53),
 * the upstream resolvers in {@code /run/systemd/resolve/resolv.conf} are used instead. Loopback and
 * scoped link-local resolvers do not exist on the new system and are left out.
 */
final class NameServers {
    static final String RESOLV_CONF = "/etc/resolv.conf";
    static final String RESOLVED_UPSTREAM = "/run/systemd/resolve/resolv.conf";
    private static final String STUB = "127.0.0.53";
    private static final int MAX = 16;

    private NameServers() {}

    static List<String> gather(HostFiles files, Findings findings) {
        List<String> servers = parse(files.lines(RESOLV_CONF));
        String source = RESOLV_CONF;
        if (servers.contains(STUB) && files.exists(RESOLVED_UPSTREAM)) {
            servers = parse(files.lines(RESOLVED_UPSTREAM));
            source = RESOLVED_UPSTREAM;
            findings.info("dns", RESOLV_CONF + " points at systemd-resolved; resolvers taken from " + source);
        }
        List<String> usable = new ArrayList<>();
        for (String server : servers) {
            if (server.contains("%")) {
                findings.warn("dns", "resolver " + server + " in " + source + " is link-local with a zone; left out");
                continue;
            }
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(server);
            } catch (IllegalArgumentException e) {
                findings.warn("dns", "'" + server + "' in " + source + " is not an IP address; left out");
                continue;
            }
            if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
                findings.warn("dns", "resolver " + server + " in " + source + " is local to this host; left out");
                continue;
            }
            if (!usable.contains(server) && usable.size() < MAX) {
                usable.add(server);
            }
        }
        if (usable.isEmpty()) {
            findings.warn("dns", "no usable resolver in " + source + ": the new system cannot resolve names");
        }
        return usable;
    }

    private static List<String> parse(List<String> lines) {
        List<String> servers = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                servers.add(words[1]);
            }
        }
        return servers;
    }
}
