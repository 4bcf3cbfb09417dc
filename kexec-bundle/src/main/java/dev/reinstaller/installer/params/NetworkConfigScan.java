package dev.reinstaller.installer.params;

import dev.reinstaller.hostinfo.metadata.MiniYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few facts the installer needs from Hetzner's {@code network-config} leaf (cloud-init network
 * config version 1), read with the YAML reader the agent uses for the same leaf: the public NIC's MAC,
 * its static IPv6 address and gateway, and the resolvers. It looks for keys wherever they stand, in
 * document order; a document the reader does not understand gives nothing, and the result is checked
 * by the runtime info records.
 *
 * @param mac the first {@code mac_address}, lowercase
 * @param ipv6 the first IPv6 {@code address} with a prefix, e.g. {@code 2a01:4f8:1:2::1/64}
 * @param gateway6 the first IPv6 {@code gateway}, e.g. {@code fe80::1}
 * @param nameServers every list item that is an IP literal, in order, without repeats
 */
record NetworkConfigScan(
        Optional<String> mac, Optional<String> ipv6, Optional<String> gateway6, List<String> nameServers) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    static NetworkConfigScan of(String yaml) {
        Scan scan = new Scan();
        try {
            scan.walk(MiniYaml.parse(yaml));
        } catch (IllegalArgumentException e) {
            return new NetworkConfigScan(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
        return new NetworkConfigScan(
                Optional.ofNullable(scan.mac),
                Optional.ofNullable(scan.ipv6),
                Optional.ofNullable(scan.gateway6),
                List.copyOf(scan.resolvers));
    }

    /** What the walk found so far; the first of each wins. */
    private static final class Scan {
        private String mac;
        private String ipv6;
        private String gateway6;
        private final List<String> resolvers = new ArrayList<>();

        void walk(Object node) {
            switch (node) {
                case Map<?, ?> map ->
                    map.forEach((key, value) -> {
                        if (value instanceof String text) {
                            field(String.valueOf(key), text);
                        } else {
                            walk(value);
                        }
                    });
                case List<?> list ->
                    list.forEach(item -> {
                        if (item instanceof String text) {
                            if ((IPV4.matcher(text).matches() || isIpv6(text)) && !resolvers.contains(text)) {
                                resolvers.add(text);
                            }
                        } else {
                            walk(item);
                        }
                    });
                case null, default -> {}
            }
        }

        private void field(String key, String value) {
            if (key.equals("mac_address") && mac == null) {
                mac = value.toLowerCase(Locale.ROOT);
            } else if (key.equals("address") && ipv6 == null && value.contains("/") && isIpv6(value.split("/")[0])) {
                ipv6 = value;
            } else if (key.equals("gateway") && gateway6 == null && isIpv6(value)) {
                gateway6 = value;
            }
        }
    }

    private static boolean isIpv6(String value) {
        return value.contains(":") && IPV6.matcher(value).matches();
    }
}
