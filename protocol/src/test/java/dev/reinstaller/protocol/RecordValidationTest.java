package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the compact constructors rejects with an {@link InvalidFieldException} naming the field. */
class RecordValidationTest {
    private static final Machine MACHINE = new Machine("1", null, null, null);
    private static final Disk DISK = new Disk("sda", null, null, null, 1, null, null);
    private static final Nic NIC = new Nic("96:00:00:00:00:01", null, null, List.of(), List.of());

    /** Valid runtime info until a test changes one component. */
    private static final class Builder {
        int schemaVersion = RuntimeInfo.SCHEMA_VERSION;
        String hostName = "h";
        String hostId = "0123abcd";
        Machine machine = MACHINE;
        Architecture arch = Architecture.X86_64;
        Firmware firmware = Firmware.BIOS;
        List<String> keys = List.of(Hosts.ALICE);
        List<Disk> disks = List.of(DISK);
        List<Nic> nics = List.of(NIC);
        List<SkippedInterface> skipped = List.of();
        List<String> nameServers = List.of();

        RuntimeInfo build() {
            return new RuntimeInfo(
                    schemaVersion,
                    hostName,
                    hostId,
                    machine,
                    arch,
                    firmware,
                    keys,
                    disks,
                    nics,
                    skipped,
                    nameServers,
                    null);
        }
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // RuntimeInfo
                rule("schemaVersion", info(b -> b.schemaVersion = 2)),
                rule("hostName", info(b -> b.hostName = null)),
                rule("hostName", info(b -> b.hostName = "-leading")),
                rule("hostName", info(b -> b.hostName = "under_score")),
                rule("hostName", info(b -> b.hostName = "web-01.example.com")),
                rule("hostName", info(b -> b.hostName = "a".repeat(64))),
                rule("hostId", info(b -> b.hostId = "0123ABCD")),
                rule("hostId", info(b -> b.hostId = "0123abc")),
                rule("machine", info(b -> b.machine = null)),
                rule("arch", info(b -> b.arch = null)),
                rule("firmware", info(b -> b.firmware = null)),
                rule("authorizedKeys", info(b -> b.keys = Collections.nCopies(257, Hosts.ALICE))),
                rule("authorizedKeys[1]", info(b -> b.keys = List.of(Hosts.ALICE, "ssh-dss AAAAB3NzaC1kc3M= old"))),
                rule("authorizedKeys[0]", info(b -> b.keys = List.of("ssh-ed25519"))),
                rule("authorizedKeys[0]", info(b -> b.keys = List.of("ssh-ed25519 AAAA!!!! x"))),
                rule("authorizedKeys[0]", info(b -> b.keys = List.of("ssh-ed25519 AAAA x\ny"))),
                rule("authorizedKeys[0]", info(b -> b.keys = List.of("ssh-rsa " + "A".repeat(16 * 1024)))),
                rule("authorizedKeys[0]", info(b -> b.keys = List.of("command=\"x\" " + Hosts.ALICE))),
                rule("authorizedKeys[1]", info(b -> b.keys = nullAt(1, List.of(Hosts.ALICE, Hosts.DEPLOY)))),
                rule("disks", info(b -> b.disks = List.of())),
                rule("disks", info(b -> b.disks = Collections.nCopies(17, DISK))),
                rule("disks[0]", info(b -> b.disks = nullAt(0, List.of(DISK)))),
                rule("nics", info(b -> b.nics = Collections.nCopies(33, NIC))),
                rule("nics[1].mac", info(b -> b.nics = List.of(NIC, NIC))),
                rule("skipped", info(b -> b.skipped = Collections.nCopies(257, new SkippedInterface("br0", "bridge")))),
                rule("nameServers", info(b -> b.nameServers = Collections.nCopies(17, "185.12.64.1"))),
                rule("nameServers[1]", info(b -> b.nameServers = List.of("185.12.64.1", "dns.google"))),
                rule("nameServers[0]", info(b -> b.nameServers = List.of("185.12.64.300"))),
                rule("nameServers[0]", info(b -> b.nameServers = List.of(""))),
                // Machine
                rule("machine.serial", () -> new Machine("has space", null, null, null)),
                rule("machine.serial", () -> new Machine("quo\"te", null, null, null)),
                rule("machine.serial", () -> new Machine("", null, null, null)),
                rule("machine.uuid", () -> new Machine(null, "not-a-uuid", null, null)),
                rule("machine.uuid", () -> new Machine(null, "0123abcd456789abcdef0123456789ab", null, null)),
                rule("machine.manufacturer", () -> new Machine("1", null, "Het\tzner", null)),
                rule("machine.product", () -> new Machine("1", null, null, "p".repeat(129))),
                rule("machine.product", () -> new Machine("1", null, null, "  ")),
                // Disk
                rule("disk.name", () -> new Disk(null, null, null, null, 1, null, null)),
                rule("disk.name", () -> new Disk("SDA", null, null, null, 1, null, null)),
                rule("disk.name", () -> new Disk("/dev/sda", null, null, null, 1, null, null)),
                rule("disk.byId", () -> new Disk("sda", "/dev/sda", null, null, 1, null, null)),
                rule("disk.byId", () -> new Disk("sda", "/dev/disk/by-id/../../sda/x", null, null, 1, null, null)),
                rule("disk.serial", () -> new Disk("sda", null, "back\\slash", null, 1, null, null)),
                rule("disk.wwn", () -> new Disk("sda", null, null, "0x5 1", 1, null, null)),
                rule("disk.sizeBytes", () -> new Disk("sda", null, null, null, 0, null, null)),
                rule("disk.sizeBytes", () -> new Disk("sda", null, null, null, -1, null, null)),
                rule("disk.model", () -> new Disk("sda", null, null, null, 1, "m\u0000", null)),
                rule("disk.driver", () -> new Disk("sda", null, null, null, 1, null, "virtio scsi")),
                // Nic
                rule("nic.mac", () -> new Nic(null, null, null, null, null)),
                rule("nic.mac", () -> new Nic("96:00:00:00:00:0A", null, null, null, null)),
                rule("nic.mac", () -> new Nic("96-00-00-00-00-01", null, null, null, null)),
                rule("nic.name", () -> new Nic("96:00:00:00:00:01", "a-very-long-name0", null, null, null)),
                rule("nic.driver", () -> new Nic("96:00:00:00:00:01", null, "", null, null)),
                rule(
                        "nic.addresses",
                        () -> new Nic(
                                "96:00:00:00:00:01",
                                null,
                                null,
                                Collections.nCopies(65, new Address("10.0.0.1/8", false)),
                                null)),
                rule(
                        "nic.routes[0]",
                        () -> new Nic(
                                "96:00:00:00:00:01", null, null, null, nullAt(0, List.of(Route.onLink("10.0.0.0/8"))))),
                // Address
                rule("address.cidr", () -> new Address(null, false)),
                rule("address.cidr", () -> new Address("10.0.0.1", false)),
                rule("address.cidr", () -> new Address("10.0.0.256/8", false)),
                rule("address.cidr", () -> new Address("localhost/8", false)),
                rule("address.cidr", () -> new Address("10.0.0.1/33", false)),
                rule("address.cidr", () -> new Address("10.0.0.1/08", false)),
                rule("address.cidr", () -> new Address("10.0.0.1/-1", false)),
                rule("address.cidr", () -> new Address("2001:db8::1/129", false)),
                rule("address.cidr", () -> new Address("2001:db8::1/", false)),
                rule("address.dhcp", () -> new Address("2001:db8::1/64", true)),
                // Route
                rule("route.to", () -> new Route(null, "10.0.0.1", false, false)),
                rule("route.to", () -> new Route("default/0", "10.0.0.1", false, false)),
                rule("route.to", () -> new Route("10.0.0.0", "10.0.0.1", false, false)),
                rule("route.to", () -> new Route("10.0.0.0/40", "10.0.0.1", false, false)),
                rule("route.via", () -> new Route("default", "gateway", false, false)),
                rule("route.via", () -> new Route("10.0.0.0/8", "fe80::1", false, false)),
                rule("route.via", () -> new Route("2001:db8::/32", "10.0.0.1", false, false)),
                rule("route", () -> new Route("172.31.1.1/32", "172.31.1.1", false, true)),
                rule("route", () -> new Route("default", null, false, false)),
                rule("route.onLink", () -> new Route("172.31.1.1/32", null, true, true)),
                // SkippedInterface
                rule("skipped.name", () -> new SkippedInterface(null, "bridge")),
                rule("skipped.name", () -> new SkippedInterface("veth0123456789abc", "veth")),
                rule("skipped.kind", () -> new SkippedInterface("br0", "a bridge")),
                rule("skipped.kind", () -> new SkippedInterface("br0", null)),
                // Provider
                rule("provider.name", () -> new Provider(null, null, null, null)),
                rule("provider.name", () -> new Provider("het zner", null, null, null)),
                rule("provider.instanceId", () -> new Provider("hetzner", "1 2", null, null)),
                rule("provider.region", () -> new Provider("hetzner", null, "r".repeat(65), null)),
                rule("provider.zone", () -> new Provider("hetzner", null, null, "\"fsn1\"")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rules")
    void rejectsNamingTheField(String field, Runnable construct) {
        InvalidFieldException e = catchThrowableOfType(InvalidFieldException.class, construct::run);
        assertThat(e).as("%s must be rejected", field).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ").endsWith(e.reason());
        assertThat(e.reason()).isNotBlank();
    }

    private static Arguments rule(String field, Runnable construct) {
        return arguments(field, construct);
    }

    @Test
    void theBaseInfoIsValid() {
        assertThat(new Builder().build().hostName()).isEqualTo("h");
    }

    private static Runnable info(Consumer<Builder> change) {
        return () -> {
            Builder builder = new Builder();
            change.accept(builder);
            builder.build();
        };
    }

    private static <T> List<T> nullAt(int index, List<T> values) {
        List<T> list = new ArrayList<>(values);
        list.add(index, null);
        return list;
    }
}
