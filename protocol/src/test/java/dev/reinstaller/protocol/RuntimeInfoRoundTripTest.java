package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuntimeInfoRoundTripTest {

    /** Every optional field set, every boolean true somewhere. */
    static RuntimeInfo everything() {
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                "full-host-1",
                "00c0ffee",
                new Machine("SER-1234", "0123abcd-4567-89ab-cdef-0123456789ab", "Hetzner", "vServer"),
                Architecture.X86_64,
                Firmware.EFI,
                List.of(Hosts.ALICE, Hosts.DEPLOY, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== comment with spaces"),
                List.of(
                        Hosts.hetznerDisk(),
                        new Disk(
                                "nvme0n1",
                                "/dev/disk/by-id/nvme-eui.0025388b",
                                "S4EN",
                                "0x5002538e",
                                512L,
                                "Samsung SSD",
                                "nvme")),
                List.of(
                        new Nic(
                                "96:00:00:00:00:01",
                                "eth0",
                                "virtio_net",
                                List.of(new Address("203.0.113.9/32", true), new Address("2001:db8::1/64", false)),
                                List.of(
                                        Route.viaGateway(Route.DEFAULT, "172.31.1.1", true),
                                        Route.onLink("172.31.1.1/32"),
                                        Route.viaGateway(Route.DEFAULT, "fe80::1", false),
                                        Route.viaGateway("10.0.0.0/8", "10.0.0.1", false))),
                        new Nic(
                                "86:00:00:00:00:02",
                                "ens10",
                                "e1000e",
                                List.of(new Address("10.0.0.2/32", false)),
                                List.of())),
                List.of(new SkippedInterface("docker0", "bridge"), new SkippedInterface("wg0", "virtual")),
                List.of("185.12.64.1", "2a01:4ff:ff00::add:2"),
                new Provider("hetzner", "42", "eu-central", "hel1-dc2"));
    }

    /** Only what is required: every optional field absent, every list empty but the disks. */
    static RuntimeInfo minimal() {
        return new RuntimeInfo(
                RuntimeInfo.SCHEMA_VERSION,
                "m",
                "00000000",
                new Machine("1", null, null, null),
                Architecture.X86_64,
                Firmware.BIOS,
                null,
                List.of(new Disk("vda", null, null, null, 1L, null, null)),
                null,
                null,
                null,
                null);
    }

    static Stream<RuntimeInfo> hosts() {
        return Stream.of(Hosts.hetzner(), Hosts.armWithoutProvider(), everything(), minimal());
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void compactJsonReadsBackEqual(RuntimeInfo info) {
        assertThat(RuntimeInfoJson.read(RuntimeInfoJson.toBytes(info), "test").orThrow())
                .isEqualTo(info);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void prettyJsonReadsBackEqual(RuntimeInfo info) {
        byte[] pretty = RuntimeInfoJson.toPrettyString(info).getBytes(StandardCharsets.UTF_8);
        assertThat(RuntimeInfoJson.read(pretty, "runtime-info.json").orThrow()).isEqualTo(info);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void kernelParametersDecodeToTheSameInfo(RuntimeInfo info) {
        assertThat(Wire.throughBoot(info)).isEqualTo(info);
    }

    @ParameterizedTest
    @MethodSource("hosts")
    void theSameInfoThroughTheCpio(RuntimeInfo info) {
        BootEncoder.Encoded encoded =
                BootEncoder.encode(new BootEncoder.Request(info, "", Optional.empty(), Optional.empty(), true));
        assertThat(encoded.infoInCpio()).isTrue();
        assertThat(Wire.decodeInfo(encoded)).isEqualTo(info);
    }

    @Test
    void everyFieldIsWrittenWhenSet() {
        String json = new String(RuntimeInfoJson.toBytes(everything()), StandardCharsets.UTF_8);
        for (String field : List.of(
                "schemaVersion",
                "hostName",
                "hostId",
                "machine",
                "serial",
                "uuid",
                "manufacturer",
                "product",
                "arch",
                "firmware",
                "authorizedKeys",
                "disks",
                "name",
                "byId",
                "wwn",
                "sizeBytes",
                "model",
                "driver",
                "nics",
                "mac",
                "addresses",
                "cidr",
                "dhcp",
                "routes",
                "to",
                "via",
                "onLink",
                "linkScope",
                "skipped",
                "kind",
                "nameServers",
                "provider",
                "instanceId",
                "region",
                "zone")) {
            assertThat(json).contains("\"" + field + "\":");
        }
        assertThat(json).contains("\"arch\":\"x86_64\"", "\"firmware\":\"efi\"");
    }

    @Test
    void defaultsAndAbsentFieldsAreLeftOut() {
        String json = new String(RuntimeInfoJson.toBytes(minimal()), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"schemaVersion\":1,\"hostName\":\"m\",\"hostId\":\"00000000\",\"machine\":{\"serial\":\"1\"},"
                                + "\"arch\":\"x86_64\",\"firmware\":\"bios\",\"disks\":[{\"name\":\"vda\",\"sizeBytes\":1}]}");
    }

    @Test
    void absentListsReadAsEmptyAndAbsentProviderAsNull() {
        RuntimeInfo read =
                RuntimeInfoJson.read(RuntimeInfoJson.toBytes(minimal()), "test").orThrow();
        assertThat(read.authorizedKeys()).isEmpty();
        assertThat(read.nics()).isEmpty();
        assertThat(read.skipped()).isEmpty();
        assertThat(read.nameServers()).isEmpty();
        assertThat(read.provider()).isNull();
        assertThat(read.machine().uuid()).isNull();
    }

    @Test
    void routeFlagsSurviveTheBootPath() {
        List<Route> routes = Wire.throughBoot(everything()).nics().getFirst().routes();
        assertThat(routes)
                .extracting(Route::to, Route::via, Route::onLink, Route::linkScope)
                .containsExactly(
                        tuple("default", "172.31.1.1", true, false),
                        tuple("172.31.1.1/32", null, false, true),
                        tuple("default", "fe80::1", false, false),
                        tuple("10.0.0.0/8", "10.0.0.1", false, false));
        assertThat(Wire.throughBoot(everything()).nics().getFirst().addresses())
                .extracting(Address::dhcp)
                .containsExactly(true, false);
    }

    @Test
    void efiAarch64SkippedInterfacesAndNoProvider() {
        RuntimeInfo decoded = Wire.throughBoot(Hosts.armWithoutProvider());
        assertThat(decoded.arch()).isEqualTo(Architecture.AARCH64);
        assertThat(decoded.arch().nixSystem()).isEqualTo("aarch64-linux");
        assertThat(decoded.firmware()).isEqualTo(Firmware.EFI);
        assertThat(decoded.provider()).isNull();
        assertThat(decoded.machine().serial()).isNull();
        assertThat(decoded.machine().identity()).isEqualTo("0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
        assertThat(decoded.skipped())
                .containsExactly(new SkippedInterface("docker0", "bridge"), new SkippedInterface("veth1a2b3c", "veth"));
        assertThat(decoded.targetDisk().wwn()).isEqualTo("0x5000c500a1b2c3d4");
    }

    @Test
    void uppercaseUuidIsStoredLowercase() {
        Machine machine = new Machine(null, "0123ABCD-4567-89AB-CDEF-0123456789AB", null, null);
        assertThat(machine.uuid()).isEqualTo("0123abcd-4567-89ab-cdef-0123456789ab");
    }
}
