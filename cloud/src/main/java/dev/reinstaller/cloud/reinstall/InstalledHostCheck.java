package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares what the installed host printed with the runtime info it was installed from. Addresses are
 * matched per NIC by MAC (names differ between the old system and NixOS) and compared as addresses
 * with their prefix length, so {@code 2001:db8::1/64} equals {@code 2001:0db8:0:0::1/64}.
 */
final class InstalledHostCheck {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private InstalledHostCheck() {}

    /**
     * @param hostName output of {@code hostname}
     * @param zpoolList output of {@code zpool list -H -o name,health rpool}
     * @param ipAddr output of {@code ip -j addr}
     */
    static Verification compare(RuntimeInfo info, String hostName, String zpoolList, String ipAddr) {
        String[] pool = zpoolList.strip().split("\\s+");
        String health =
                pool.length >= 2 && pool[0].equals("rpool") ? pool[1] : "not listed (" + zpoolList.strip() + ")";
        Set<String> present = present(ipAddr);
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Nic nic : info.nics()) {
            for (Address address : nic.addresses()) {
                String entry = nic.mac() + " " + address.cidr();
                (present.contains(key(nic.mac(), address.cidr())) ? found : missing).add(entry);
            }
        }
        return new Verification(info.hostName(), hostName.strip(), health, found, missing);
    }

    /** {@code mac address/prefix} for every address {@code ip -j addr} shows. */
    private static Set<String> present(String ipAddr) {
        Set<String> present = new HashSet<>();
        JsonNode links;
        try {
            links = JSON.readTree(ipAddr);
        } catch (IOException e) {
            throw new StageFailure(
                    Stage.VERIFY,
                    ServerOutcome.Kind.REMOTE,
                    "`ip -j addr` on the installed host printed no JSON: " + e.getMessage(),
                    e);
        }
        for (JsonNode link : links) {
            String mac = link.path("address").asText("");
            for (JsonNode a : link.path("addr_info")) {
                String cidr =
                        a.path("local").asText("") + "/" + a.path("prefixlen").asInt(-1);
                present.add(key(mac, cidr));
            }
        }
        return present;
    }

    private static String key(String mac, String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        String prefix = slash < 0 ? "" : cidr.substring(slash);
        return mac.toLowerCase(Locale.ROOT) + " " + canonical(address) + prefix;
    }

    private static String canonical(String literal) {
        // Only literals reach InetAddress, so it never asks a resolver.
        if (!literal.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return literal;
        }
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
