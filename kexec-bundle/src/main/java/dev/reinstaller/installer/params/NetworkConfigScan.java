package dev.reinstaller.installer.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the few facts the installer needs from Hetzner's {@code network-config} leaf (cloud-init
 * network config version 1, YAML) without a YAML library: the public NIC's MAC, its static IPv6
 * address and gateway, and the resolvers. Line-based on purpose: it reads Hetzner's document, not YAML
 * in general; anything it does not recognise is ignored, and the result is checked by the runtime
 * info records.
 *
 * @param mac the first {@code mac_address}, lowercase
 * @param ipv6 the first IPv6 {@code address} with a prefix, e.g. {@code 2a01:4f8:1:2::1/64}
 * @param gateway6 the first IPv6 {@code gateway}, e.g. {@code fe80::1}
 * @param nameServers every list item that is an IP literal, in order, without repeats
 */
record NetworkConfigScan(
        Optional<String> mac, Optional<String> ipv6, Optional<String> gateway6, List<String> nameServers) {
    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*(?:-\\s+)?([a-z][a-z_0-9]*):(?:\\s+(.*)|\\s*)$");
    private static final Pattern ITEM = Pattern.compile("^\\s*-\\s+(\\S+)\\s*$");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    static NetworkConfigScan of(String yaml) {
        String mac = null;
        String ipv6 = null;
        String gateway6 = null;
        List<String> resolvers = new ArrayList<>();
        for (String line : yaml.lines().toList()) {
            var kv = KEY_VALUE.matcher(line);
            if (kv.matches()) {
                String key = kv.group(1);
                String value = kv.group(2) == null ? "" : unquote(kv.group(2));
                if (key.equals("mac_address") && mac == null) {
                    mac = value.toLowerCase(java.util.Locale.ROOT);
                } else if (key.equals("address")
                        && ipv6 == null
                        && value.contains("/")
                        && isIpv6(value.split("/")[0])) {
                    ipv6 = value;
                } else if (key.equals("gateway") && gateway6 == null && isIpv6(value)) {
                    gateway6 = value;
                }
                continue;
            }
            var item = ITEM.matcher(line);
            if (item.matches()) {
                String value = unquote(item.group(1));
                if ((IPV4.matcher(value).matches() || isIpv6(value)) && !resolvers.contains(value)) {
                    resolvers.add(value);
                }
            }
        }
        return new NetworkConfigScan(
                Optional.ofNullable(mac), Optional.ofNullable(ipv6), Optional.ofNullable(gateway6), resolvers);
    }

    private static boolean isIpv6(String value) {
        return value.contains(":") && IPV6.matcher(value).matches();
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
