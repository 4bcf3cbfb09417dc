package dev.reinstaller.installer.params;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkConfigScanTest {

    @Test
    void findsTheNicTheStaticIpv6AndTheResolversInDocumentOrder() {
        NetworkConfigScan scan =
                NetworkConfigScan.of(MetadataDiscoveryTest.NETWORK_CONFIG.replace("9a:bc:de", "9A:BC:DE"));

        assertThat(scan.mac()).contains("96:00:02:9a:bc:de");
        assertThat(scan.ipv6()).contains("2a01:4f8:c012:3456::1/64");
        assertThat(scan.gateway6()).contains("fe80::1");
        assertThat(scan.nameServers())
                .containsExactly("2a01:4ff:ff00::add:1", "2a01:4ff:ff00::add:2", "185.12.64.2", "185.12.64.1");
    }

    @Test
    void aDocumentTheReaderDoesNotUnderstandGivesNothing() {
        assertThat(NetworkConfigScan.of("config:\n  - a: 1\n   b: 2\n"))
                .isEqualTo(new NetworkConfigScan(Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
        assertThat(NetworkConfigScan.of("").nameServers()).isEmpty();
    }
}
