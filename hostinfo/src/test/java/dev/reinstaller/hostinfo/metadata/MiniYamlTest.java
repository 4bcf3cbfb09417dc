package dev.reinstaller.hostinfo.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML subset the metadata service writes. */
class MiniYamlTest {

    @Test
    void yamlReadsCloudInitNetworkConfig() {
        Object parsed = MiniYaml.parse("""
                config:
                - mac_address: 96:00:02:a1:b2:c3
                  name: eth0
                  subnets:
                  - ipv4: true
                    type: dhcp
                  - address: 2001:db8::1/64
                    gateway: fe80::1
                    type: static
                  type: physical
                - address:
                  - 185.12.64.2
                  - 2a01:4ff:ff00::add:1
                  type: nameserver
                version: 1
                """);

        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> root = (Map<?, ?>) parsed;
        assertThat(root.get("version")).isEqualTo("1");
        List<?> config = (List<?>) root.get("config");
        assertThat(config).hasSize(2);
        Map<?, ?> nic = (Map<?, ?>) config.getFirst();
        assertThat(nic.get("mac_address")).isEqualTo("96:00:02:a1:b2:c3");
        assertThat(nic.get("type")).isEqualTo("physical");
        assertThat(((Map<?, ?>) ((List<?>) nic.get("subnets")).get(1)).get("address"))
                .isEqualTo("2001:db8::1/64");
        assertThat(((Map<?, ?>) config.get(1)).get("address"))
                .isEqualTo(List.of("185.12.64.2", "2a01:4ff:ff00::add:1"));
    }

    @Test
    void yamlReadsFlowListsQuotesAndEmptyLists() {
        Object parsed = MiniYaml.parse("- alias_ips: [10.0.0.5, '10.0.0.6']\n  name: \"a b\"\n- alias_ips: []\n");

        assertThat(parsed)
                .isEqualTo(List.of(
                        Map.of("alias_ips", List.of("10.0.0.5", "10.0.0.6"), "name", "a b"),
                        Map.of("alias_ips", List.of())));
        assertThatThrownBy(() -> MiniYaml.parse("a: 1\n   b: 2\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
