package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.protocol.Address;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Nic;
import dev.reinstaller.protocol.Route;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link Facts} for people and for programs. JSON field names are stable:
 * {@code {"runtimeInfo": ..., "findings": [{"level", "source", "message"}], "target": {...}}}, where
 * {@code runtimeInfo} is exactly the runtime info document.
 */
public final class FactsReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FactsReport() {}

    /** Indented JSON with a final newline. */
    public static String json(Facts facts) {
        ObjectNode root = JSON.createObjectNode();
        try {
            root.set("runtimeInfo", JSON.readTree(RuntimeInfoJson.toBytes(facts.info())));
        } catch (IOException e) {
            throw new UncheckedIOException("runtime info did not read back as JSON", e);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : facts.findings()) {
            findings.addObject()
                    .put("level", finding.level().name().toLowerCase(Locale.ROOT))
                    .put("source", finding.source())
                    .put("message", finding.message());
        }
        TargetDiskState target = facts.target();
        ObjectNode disk = root.putObject("target");
        disk.put("device", target.device());
        ArrayNode partitions = disk.putArray("partitions");
        for (Partition partition : target.partitions()) {
            ObjectNode p = partitions.addObject().put("name", partition.name()).put("sizeBytes", partition.sizeBytes());
            if (partition.fstype() != null) {
                p.put("fstype", partition.fstype());
            }
        }
        target.mountpoints().forEach(disk.putArray("mountpoints")::add);
        target.zfsPools().forEach(disk.putArray("zfsPools")::add);
        target.holders().forEach(disk.putArray("holders")::add);
        target.signatures().forEach(disk.putArray("signatures")::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A summary for a terminal: machine, disk, NICs, keys, resolvers, findings. */
    public static String text(Facts facts) {
        RuntimeInfo info = facts.info();
        StringBuilder out = new StringBuilder();
        line(out, "host", info.hostName() + "  (host id " + info.hostId() + ")");
        line(
                out,
                "machine",
                String.join(
                                " ",
                                nonNull(
                                        info.machine().manufacturer(),
                                        info.machine().product())) + "  serial "
                        + orNone(info.machine().serial()) + "  uuid "
                        + orNone(info.machine().uuid()));
        line(out, "platform", info.arch().wire() + ", " + info.firmware().wire());
        if (info.provider() != null) {
            line(
                    out,
                    "provider",
                    info.provider().name() + "  instance "
                            + orNone(info.provider().instanceId()) + "  region "
                            + orNone(info.provider().region()) + "  zone "
                            + orNone(info.provider().zone()));
        }
        for (Disk disk : info.disks()) {
            line(
                    out,
                    "disk",
                    disk.devicePath() + "  " + TargetDisks.gib(disk.sizeBytes()) + "  " + orNone(disk.model())
                            + "  serial " + orNone(disk.serial()) + "  driver " + orNone(disk.driver()));
            line(out, "", "by-id " + orNone(disk.byId()) + (disk.wwn() == null ? "" : "  wwn " + disk.wwn()));
        }
        TargetDiskState target = facts.target();
        line(
                out,
                "on it",
                target.partitions().size() + " partition(s)"
                        + (target.mountpoints().isEmpty()
                                ? ""
                                : ", mounted at " + String.join(" ", target.mountpoints()))
                        + (target.zfsPools().isEmpty() ? "" : ", pools " + String.join(" ", target.zfsPools()))
                        + (target.holders().isEmpty() ? "" : ", holders " + String.join(" ", target.holders()))
                        + (target.signatures().isEmpty()
                                ? ""
                                : ", signatures " + String.join(" ", target.signatures())));
        for (Nic nic : info.nics()) {
            line(out, "nic", nic.mac() + "  " + orNone(nic.name()) + "  driver " + orNone(nic.driver()));
            for (Address address : nic.addresses()) {
                line(out, "", "address " + address.cidr() + (address.dhcp() ? " (dhcp)" : ""));
            }
            for (Route route : nic.routes()) {
                line(out, "", "route " + route(route));
            }
        }
        info.skipped().forEach(s -> line(out, "skipped", s.name() + " (" + s.kind() + ")"));
        line(out, "dns", info.nameServers().isEmpty() ? "(none)" : String.join(" ", info.nameServers()));
        line(out, "keys", info.authorizedKeys().size() + " authorized key(s) for root");
        for (String key : info.authorizedKeys()) {
            line(out, "", fingerprint(key) + "  " + AuthorizedKeys.label(key));
        }
        for (Finding finding : facts.findings()) {
            line(out, finding.level().name().toLowerCase(Locale.ROOT), finding.source() + ": " + finding.message());
        }
        return out.toString();
    }

    /** OpenSSH's SHA256 fingerprint of a public key line. */
    public static String fingerprint(String keyLine) {
        String[] parts = keyLine.strip().split("\\s+", 3);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(parts[1]));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return "SHA256:?";
        }
    }

    private static String route(Route route) {
        if (route.via() == null) {
            return route.to() + " scope link";
        }
        return route.to() + " via " + route.via() + (route.onLink() ? " onlink" : "");
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, "%-9s %s%n", label, text));
    }

    private static List<String> nonNull(String... values) {
        return Arrays.stream(values).filter(Objects::nonNull).toList();
    }

    private static String orNone(String value) {
        return value == null ? "-" : value;
    }
}
