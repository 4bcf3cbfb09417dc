package dev.reinstaller.protocol;

import java.util.List;

/**
 * Runtime info of the original 2021 installer ({@code runtime_info="<base64 JSON>"}). It names no disk
 * serial or size and no MAC, so a boot with it always waits for an explicit confirmation.
 */
public record LegacyRuntimeInfo(
        String hostName,
        String hostId,
        List<String> rootAuthorizedKeys,
        String diskToFormat,
        String networkInterface,
        String networkInterfaceModule,
        V4 ipv4,
        V6 ipv6) {

    public LegacyRuntimeInfo {
        Check.text("hostName", hostName, 253);
        Check.hostId("hostId", hostId);
        rootAuthorizedKeys = Check.list("rootAuthorizedKeys", rootAuthorizedKeys, 256);
        Check.token("diskToFormat", diskToFormat, 256);
        networkInterface = blankToNull(networkInterface);
        networkInterfaceModule = blankToNull(networkInterfaceModule);
    }

    /** IPv4 as the original recorded it (netmask was hard-coded). */
    public record V4(String address, int prefixLength, String gateway, String netmask) {
        public V4 {
            address = blankToNull(address);
            gateway = blankToNull(gateway);
            netmask = blankToNull(netmask);
            if (address != null) {
                Check.ip("ipv4.address", address);
            }
            if (gateway != null) {
                Check.ip("ipv4.gateway", gateway);
            }
        }
    }

    /** IPv6 as the original recorded it. */
    public record V6(String address, int prefixLength, String gateway) {
        public V6 {
            address = blankToNull(address);
            gateway = blankToNull(gateway);
            if (address != null) {
                Check.ip("ipv6.address", address);
            }
            if (gateway != null) {
                Check.ip("ipv6.gateway", gateway);
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
