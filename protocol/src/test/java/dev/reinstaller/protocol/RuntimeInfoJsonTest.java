package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading runtime info JSON: every problem is a {@link DecodeError} that says where. */
class RuntimeInfoJsonTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    /** The golden host's JSON with one change applied to the tree. */
    private static byte[] hetznerWith(Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) TREE.readTree(RuntimeInfoJson.toBytes(Hosts.hetzner()));
            change.accept(root);
            return TREE.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    private static DecodeError.InvalidField invalidField(byte[] json) {
        Result<RuntimeInfo> result = RuntimeInfoJson.read(json, "reinstaller.info");
        assertThat(result).isInstanceOf(Result.Error.class);
        DecodeError error = ((Result.Error<RuntimeInfo>) result).error();
        assertThat(error).isInstanceOf(DecodeError.InvalidField.class);
        return (DecodeError.InvalidField) error;
    }

    private static DecodeError.InvalidJson invalidJson(String json) {
        Result<RuntimeInfo> result = RuntimeInfoJson.read(json.getBytes(StandardCharsets.UTF_8), "runtime-info.json");
        assertThat(result).isInstanceOf(Result.Error.class);
        DecodeError error = ((Result.Error<RuntimeInfo>) result).error();
        assertThat(error).isInstanceOf(DecodeError.InvalidJson.class);
        return (DecodeError.InvalidJson) error;
    }

    @Test
    void theUnchangedDocumentReads() {
        assertThat(RuntimeInfoJson.read(hetznerWith(root -> {}), "t").orThrow()).isEqualTo(Hosts.hetzner());
    }

    @ParameterizedTest
    @CsvSource({
        "'', extra, extra",
        "/machine, vendor, machine.vendor",
        "/disks/0, size, disks[0].size",
        "/nics/0/addresses/1, cidrs, nics[0].addresses[1].cidrs",
        "/nics/0/routes/2, gateway, nics[0].routes[2].gateway",
        "/provider, datacenter, provider.datacenter",
    })
    void unknownFieldsAreRejectedWithTheirPath(String pointer, String name, String path) {
        DecodeError.InvalidField error =
                invalidField(hetznerWith(root -> at(root, pointer).put(name, "x")));
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.reason()).startsWith("is unknown (known fields here: ");
        assertThat(error.message()).isEqualTo("reinstaller.info: field " + path + " " + error.reason());
    }

    @Test
    void unknownFieldNamesTheKnownOnes() {
        DecodeError.InvalidField error =
                invalidField(hetznerWith(root -> at(root, "/nics/0/addresses/1").put("cidrs", "x")));
        assertThat(error.reason()).isEqualTo("is unknown (known fields here: cidr, dhcp)");
    }

    @Test
    void wrongTypesNameTheField() {
        assertThat(invalidField(hetznerWith(root -> root.put("hostName", 123))).path())
                .isEqualTo("hostName");
        assertThat(invalidField(hetznerWith(root -> root.put("hostName", true))).path())
                .isEqualTo("hostName");
        assertThat(invalidField(hetznerWith(root -> root.put("schemaVersion", "1")))
                        .path())
                .isEqualTo("schemaVersion");
        assertThat(invalidField(hetznerWith(root -> root.putObject("disks"))).reason())
                .isEqualTo("has the wrong type (expected list)");
        assertThat(invalidField(hetznerWith(root -> root.put("authorizedKeys", Hosts.ALICE)))
                        .path())
                .isEqualTo("authorizedKeys");
        assertThat(invalidField(hetznerWith(root -> root.put("machine", "Hetzner")))
                        .path())
                .isEqualTo("machine");
        assertThat(invalidField(hetznerWith(root -> at(root, "/disks/0").put("sizeBytes", "40960000000")))
                        .path())
                .isEqualTo("disks[0].sizeBytes");
        assertThat(invalidField(hetznerWith(root -> at(root, "/disks/0").put("sizeBytes", 4.5e10)))
                        .path())
                .isEqualTo("disks[0].sizeBytes");
        assertThat(invalidField(hetznerWith(
                                root -> at(root, "/nics/0/addresses/0").put("dhcp", "true")))
                        .path())
                .isEqualTo("nics[0].addresses[0].dhcp");
        assertThat(invalidField(hetznerWith(root -> at(root, "/nics/0/routes/1").put("linkScope", 1)))
                        .path())
                .isEqualTo("nics[0].routes[1].linkScope");
        assertThat(invalidField(hetznerWith(
                                root -> at(root, "/nics/0/addresses/0").put("cidr", 5)))
                        .path())
                .isEqualTo("nics[0].addresses[0].cidr");
    }

    @Test
    void anUnknownEnumValueListsTheKnownOnes() {
        DecodeError.InvalidField error = invalidField(hetznerWith(root -> root.put("arch", "riscv64")));
        assertThat(error.path()).isEqualTo("arch");
        assertThat(error.reason()).contains("riscv64", "x86_64", "aarch64");
        assertThat(invalidField(hetznerWith(root -> root.put("firmware", "uefi")))
                        .reason())
                .contains("bios", "efi");
    }

    @Test
    void aDocumentThatIsNoObjectIsAFieldErrorOfTheDocument() {
        assertThat(invalidField("[1]".getBytes(StandardCharsets.UTF_8)).path()).isEqualTo("(document)");
    }

    @ParameterizedTest
    @CsvSource({
        "/nics/0/addresses/1, cidr, 2a01:4f8:c012:3456::1/129, nics[0].addresses[1].cidr",
        "/nics/0/addresses/0, cidr, 116.203.45.67, nics[0].addresses[0].cidr",
        "/disks/0, name, SDA, disks[0].name",
        "/disks/0, byId, /dev/sda, disks[0].byId",
        "/machine, uuid, not-a-uuid, machine.uuid",
        "/nics/0, mac, 96:00:02:A7:3C:15, nics[0].mac",
        "/nics/0/routes/0, via, fe80::1 x, nics[0].routes[0].via",
        "/nics/0/routes/1, to, 172.31.1.1/33, nics[0].routes[1].to",
        "/provider, zone, 'fsn1 dc14', provider.zone",
        "'', hostId, 9E795E3C, hostId",
    })
    void brokenRulesNameTheFieldFromTheRoot(String pointer, String name, String value, String path) {
        DecodeError.InvalidField error =
                invalidField(hetznerWith(root -> at(root, pointer).put(name, value)));
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).startsWith("reinstaller.info: field " + path + " ");
    }

    @Test
    void rulesOfAWholeRecordNameTheRecord() {
        DecodeError.InvalidField linkScopeWithGateway =
                invalidField(hetznerWith(root -> at(root, "/nics/0/routes/1").put("via", "172.31.1.1")));
        assertThat(linkScopeWithGateway.path()).isEqualTo("nics[0].routes[1]");
        DecodeError.InvalidField dhcpV6 =
                invalidField(hetznerWith(root -> at(root, "/nics/0/addresses/1").put("dhcp", true)));
        assertThat(dhcpV6.path()).isEqualTo("nics[0].addresses[1].dhcp");
        DecodeError.InvalidField badUuid =
                invalidField(hetznerWith(root -> at(root, "/machine").put("uuid", "not-a-uuid")));
        assertThat(badUuid.path()).isEqualTo("machine.uuid");
    }

    @Test
    void listRulesNameTheElement() {
        assertThat(invalidField(hetznerWith(root -> ((ArrayNode) root.get("nameServers")).add("dns.google")))
                        .path())
                .isEqualTo("nameServers[4]");
        assertThat(invalidField(hetznerWith(root -> ((ArrayNode) root.get("authorizedKeys")).add("not a key")))
                        .path())
                .isEqualTo("authorizedKeys[2]");
        assertThat(invalidField(hetznerWith(root -> ((ArrayNode) root.at("/nics/0/addresses")).addNull()))
                        .path())
                .isEqualTo("nics[0].addresses[2]");
        assertThat(invalidField(hetznerWith(root -> ((ArrayNode) root.get("disks")).removeAll()))
                        .path())
                .isEqualTo("disks");
        DecodeError.InvalidField duplicate = invalidField(hetznerWith(root -> {
            ArrayNode nics = (ArrayNode) root.get("nics");
            nics.add(nics.get(0).deepCopy());
        }));
        assertThat(duplicate.path()).isEqualTo("nics[1].mac");
        assertThat(duplicate.reason()).contains("96:00:02:a7:3c:15", "twice");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(invalidField(hetznerWith(root -> root.remove("hostName"))).path())
                .isEqualTo("hostName");
        assertThat(invalidField(hetznerWith(root -> at(root, "/provider").remove("name")))
                        .path())
                .isEqualTo("provider.name");
        assertThat(invalidField(hetznerWith(root -> at(root, "/nics/0/routes/0").remove("to")))
                        .path())
                .isEqualTo("nics[0].routes[0].to");
        assertThat(invalidField(hetznerWith(root -> root.remove("schemaVersion")))
                        .reason())
                .isEqualTo("is 0, this build reads 1");
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        DecodeError.InvalidJson cut = invalidJson("{\"schemaVersion\":1,\"hostName\":\"web-");
        assertThat(cut.line()).isEqualTo(1);
        assertThat(cut.column()).isGreaterThan(30);
        assertThat(cut.message()).startsWith("runtime-info.json is not valid JSON at line 1, column ");

        String pretty =
                RuntimeInfoJson.toPrettyString(Hosts.hetzner()).replace("\"arch\" : \"x86_64\"", "\"arch\" : x86_64");
        DecodeError.InvalidJson typo = invalidJson(pretty);
        assertThat(typo.line()).isEqualTo(11);
        assertThat(typo.column()).isEqualTo(12);
        assertThat(typo.detail()).contains("x86_64");
    }

    @Test
    void duplicateKeysTrailingTokensEmptyAndNullAreInvalidJson() {
        assertThat(invalidJson("{\"schemaVersion\":1,\"schemaVersion\":1}").detail())
                .contains("Duplicate field 'schemaVersion'");
        String valid = new String(RuntimeInfoJson.toBytes(Hosts.hetzner()), StandardCharsets.UTF_8);
        assertThat(invalidJson(valid + " {}").column()).isGreaterThan(valid.length());
        assertThat(invalidJson("").detail()).isEqualTo("the document is empty");
        assertThat(invalidJson(" \n ").detail()).isEqualTo("the document is empty");
        assertThat(invalidJson("null").detail()).isEqualTo("the document is null");
    }

    @Test
    void legacyRecordsReportTheirFields() {
        byte[] json =
                "{\"hostName\":\"web-01\",\"hostId\":\"9e795e3c\",\"diskToFormat\":\"/dev/sda\",\"ipv4\":{\"address\":\"300.1.1.1\"}}"
                        .getBytes(StandardCharsets.UTF_8);
        Result<LegacyRuntimeInfo> result = RuntimeInfoJson.read(json, "runtime_info", LegacyRuntimeInfo.class);
        assertThat(result)
                .isEqualTo(Result.error(new DecodeError.InvalidField(
                        "runtime_info", "ipv4.address", "'300.1.1.1' is not an IPv4 or IPv6 address")));
    }

    @ParameterizedTest
    @CsvSource({
        "'', hostName, hostName",
        "'', nics[1].mac, nics[1].mac",
        "disks[1], disk.name, disks[1].name",
        "nics[0].addresses[1], address.cidr, nics[0].addresses[1].cidr",
        "nics[0], nic.addresses[2], nics[0].addresses[2]",
        "nics[0].routes[1], route, nics[0].routes[1]",
        "machine, machine, machine",
        "ipv4, ipv4.address, ipv4.address",
    })
    void joinReplacesTheRecordNameWithItsPath(String where, String field, String joined) {
        assertThat(RuntimeInfoJson.join(where, field)).isEqualTo(joined);
    }
}
