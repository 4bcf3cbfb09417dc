package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pure functions of nix/lib on the runtime-info fixtures: each result equals
 * tests/expected/NAME.json, and the mappings that matter are also asserted directly, so that
 * regenerating an expected file cannot hide a regression.
 */
class NixLibTest {
    private static final Path FIXTURES = NixInstantiate.TESTS.resolve("fixtures");
    private static final Path EXPECTED = NixInstantiate.TESTS.resolve("expected");
    private static final Path SETTINGS = NixInstantiate.TESTS.resolve("settings.nix");

    static List<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        }
    }

    private static JsonNode settings(NixInstantiate nix, Path fixture) {
        return nix.eval(SETTINGS, Map.of("fixture", NixInstantiate.nixPath(fixture)));
    }

    private static JsonNode settings(String fixture) {
        return settings(NixInstantiate.require(), FIXTURES.resolve(fixture + ".json"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void settingsMatchTheExpectedJson(String name) {
        JsonNode actual = settings(name);
        JsonNode expected = NixInstantiate.readJson(EXPECTED.resolve(name + ".json"));
        assertThat(Json.canonical(actual))
                .as("settingsFor %s.json against expected/%s.json", name, name)
                .isEqualTo(Json.canonical(expected));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixturesAreCanonicalRuntimeInfo(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve(name + ".json"));
        RuntimeInfo info = RuntimeInfoJson.read(bytes, name + ".json").orThrow();
        assertThat(Json.canonical(RuntimeInfoJson.toTree(info)))
                .as("%s.json as the agent would write it", name)
                .isEqualTo(Json.canonical(new ObjectMapper().readTree(bytes)));
    }

    @Test
    void everyFixtureHasAnExpectedResultAndTheFlakeCheckAgrees() throws IOException {
        try (Stream<Path> files = Files.list(EXPECTED)) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")))
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(fixtures().stream(), Stream.of("flake-outputs"))
                            .toList());
        }
        JsonNode check = NixInstantiate.require().eval(NixInstantiate.TESTS.resolve("lib-check.nix"), Map.of());
        assertThat(check.get("failed")).isEmpty();
        assertThat(check.get("checked")).extracting(JsonNode::asText).containsExactlyElementsOf(fixtures());
    }

    @Test
    void hetznerDhcpWithLinkScopeHostRouteGetsAnOnLinkGateway() {
        JsonNode s = settings("hetzner-dhcp");
        JsonNode net = s.at("/systemd/network/networks/10-9600029abcde");
        assertThat(net.at("/matchConfig/MACAddress").asText()).isEqualTo("96:00:02:9a:bc:de");
        assertThat(net.get("DHCP").asText()).isEqualTo("ipv4");
        assertThat(Json.texts(net.get("address"))).containsExactly("2a01:4f8:c012:3456::1/64");
        assertThat(net.get("routes").toString())
                .contains("{\"Gateway\":\"172.31.1.1\",\"GatewayOnLink\":true}")
                .contains("{\"Gateway\":\"fe80::1\"}")
                .doesNotContain("172.31.1.1/32");
        JsonNode initrd = s.at("/boot/initrd/systemd/network/networks/10-9600029abcde");
        assertThat(initrd.get("DHCP").asText()).isEqualTo("no");
        assertThat(Json.texts(initrd.get("address"))).containsExactly("203.0.113.10/32", "2a01:4f8:c012:3456::1/64");
        assertThat(initrd.get("routes")).isEqualTo(net.get("routes"));
    }

    @Test
    void theOnLinkFlagGivesAnOnLinkGatewayAndStaticAddresses() {
        JsonNode net = settings("hetzner-static-onlink").at("/systemd/network/networks/10-960003112233");
        assertThat(net.get("DHCP").asText()).isEqualTo("no");
        assertThat(Json.texts(net.get("address"))).containsExactly("198.51.100.7/32", "2a01:4f8:1c1e:8a00::1/64");
        assertThat(net.get("routes").get(0).toString())
                .isEqualTo("{\"Gateway\":\"172.31.1.1\",\"GatewayOnLink\":true}");
    }

    @Test
    void ipv6OnlyHostsUnlockOverIpv6() {
        JsonNode s = settings("ipv6-only");
        JsonNode initrd = s.at("/boot/initrd/systemd/network/networks/10-960004aabbcc");
        assertThat(Json.texts(initrd.get("address"))).containsExactly("2a01:4f9:c010:beef::1/64");
        assertThat(initrd.get("routes").toString()).isEqualTo("[{\"Gateway\":\"fe80::1\"}]");
        assertThat(s.at("/nixpkgs/hostPlatform").asText()).isEqualTo("aarch64-linux");
        assertThat(Json.texts(s.at("/boot/loader/grub/devices"))).containsExactly("nodev");
        assertThat(Json.texts(s.at("/boot/initrd/availableKernelModules"))).contains("virtio_mmio", "virtio_pci");
    }

    @Test
    void aPrivateNetworkKeepsItsRouteThroughAnOnLinkGateway() {
        JsonNode net = settings("private-network").at("/systemd/network/networks/10-8600005a6b7c");
        assertThat(net.get("routes").toString())
                .isEqualTo("[{\"Destination\":\"10.0.0.0/16\",\"Gateway\":\"10.0.0.1\",\"GatewayOnLink\":true}]");
        assertThat(net.has("dns"))
                .as("resolvers go on the NIC with the default route")
                .isFalse();
    }

    @Test
    void disksWithoutByIdUseKernelNamesAndPartitionUuids() {
        JsonNode s = settings("efi");
        assertThat(s.at("/fileSystems/~1boot/device").asText()).isEqualTo("/dev/vda2");
        assertThat(s.at("/boot/zfs/devNodes").asText()).isEqualTo("/dev/disk/by-partuuid");
        assertThat(Json.texts(s.at("/boot/loader/grub/devices"))).containsExactly("/dev/vda");
        assertThat(s.at("/boot/loader/grub/efiInstallAsRemovable").asBoolean()).isTrue();
        assertThat(Json.texts(s.at("/boot/initrd/availableKernelModules")))
                .containsExactly("virtio_blk", "virtio_net", "virtio_pci");
    }

    @Test
    void invalidRuntimeInfoFailsWithTheFieldThatIsWrong(@TempDir Path dir) throws IOException {
        NixInstantiate nix = NixInstantiate.require();
        String good = Files.readString(FIXTURES.resolve("hetzner-dhcp.json"));
        Map<String, String> cases = Map.of(
                "\"arch\": \"x86_64\"", "architecture 'riscv64' is not served",
                "\"hostId\": \"5e3a91c2\"", "hostId 'XYZ' is not 8 lowercase hex digits",
                "\"schemaVersion\": 1", "schemaVersion 2; this module reads 1");
        Map<String, String> replacements = Map.of(
                "\"arch\": \"x86_64\"", "\"arch\": \"riscv64\"",
                "\"hostId\": \"5e3a91c2\"", "\"hostId\": \"XYZ\"",
                "\"schemaVersion\": 1", "\"schemaVersion\": 2");
        for (var entry : cases.entrySet()) {
            assertThat(good).contains(entry.getKey());
            Path bad = Files.writeString(
                    dir.resolve("bad.json"), good.replace(entry.getKey(), replacements.get(entry.getKey())));
            assertThat(nix.evalError(SETTINGS, Map.of("fixture", NixInstantiate.nixPath(bad))))
                    .contains(entry.getValue());
        }
    }
}
