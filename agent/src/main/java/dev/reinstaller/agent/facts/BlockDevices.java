package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.hostinfo.process.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The block device tree as {@code lsblk -J -b} prints it: whole disks at the top, partitions and
 * everything stacked on them (LVM, LUKS, md) below. A device stacked on two disks appears under both.
 */
final class BlockDevices {
    static final List<String> LSBLK = List.of(
            "lsblk", "-J", "-b", "-o", "NAME,KNAME,PKNAME,TYPE,SIZE,SERIAL,WWN,MODEL,MOUNTPOINTS,FSTYPE,LABEL,MAJ:MIN");
    /** util-linux before 2.37 (Debian 11) knows only MOUNTPOINT. */
    static final List<String> LSBLK_OLD = List.of(
            "lsblk", "-J", "-b", "-o", "NAME,KNAME,PKNAME,TYPE,SIZE,SERIAL,WWN,MODEL,MOUNTPOINT,FSTYPE,LABEL,MAJ:MIN");

    /** One node of the tree. {@code mountpoints} holds only real mount points. */
    record Node(
            String name,
            String kname,
            String type,
            long size,
            String serial,
            String wwn,
            String model,
            String fstype,
            String label,
            String majMin,
            List<String> mountpoints,
            List<Node> children) {

        boolean isDisk() {
            return "disk".equals(type);
        }

        /** This node and everything below it, depth first. */
        void walk(Consumer<Node> visitor) {
            visitor.accept(this);
            children.forEach(child -> child.walk(visitor));
        }

        boolean contains(String kernelName) {
            return kname.equals(kernelName) || children.stream().anyMatch(c -> c.contains(kernelName));
        }
    }

    private final List<Node> roots;

    BlockDevices(List<Node> roots) {
        this.roots = List.copyOf(roots);
    }

    static BlockDevices read(Commands commands) {
        Optional<Processes.ProcessResult> modern = commands.tryRun(LSBLK);
        String output = modern.filter(Processes.ProcessResult::ok).isPresent()
                ? modern.get().stdout()
                : commands.run(LSBLK_OLD);
        return parse(Commands.parse(output, "lsblk"));
    }

    static BlockDevices parse(JsonNode json) {
        List<Node> roots = new ArrayList<>();
        json.path("blockdevices").forEach(n -> roots.add(node(n)));
        return new BlockDevices(roots);
    }

    List<Node> roots() {
        return roots;
    }

    /** Top-level whole disks, the candidates for {@code --disk}. */
    List<Node> disks() {
        return roots.stream().filter(Node::isDisk).toList();
    }

    /** The first node anywhere in the tree that matches, by kernel name, name or major:minor. */
    Optional<Node> find(Predicate<Node> test) {
        List<Node> found = new ArrayList<>();
        roots.forEach(root -> root.walk(n -> {
            if (test.test(n)) {
                found.add(n);
            }
        }));
        return found.stream().findFirst();
    }

    /** The top-level nodes whose subtree holds {@code kernelName}: the disks a device lives on. */
    List<Node> topLevelHolding(String kernelName) {
        return roots.stream().filter(r -> r.contains(kernelName)).toList();
    }

    private static Node node(JsonNode json) {
        List<String> mountpoints = new ArrayList<>();
        JsonNode mounts = json.has("mountpoints") ? json.get("mountpoints") : json.path("mountpoint");
        if (mounts.isArray()) {
            mounts.forEach(m -> addMount(mountpoints, m));
        } else {
            addMount(mountpoints, mounts);
        }
        List<Node> children = new ArrayList<>();
        json.path("children").forEach(c -> children.add(node(c)));
        String kname = Commands.text(json, "kname");
        String name = Commands.text(json, "name");
        return new Node(
                name,
                kname == null ? name : kname,
                Commands.text(json, "type"),
                size(json.get("size")),
                blankToNull(Commands.text(json, "serial")),
                blankToNull(Commands.text(json, "wwn")),
                blankToNull(Commands.text(json, "model")),
                blankToNull(Commands.text(json, "fstype")),
                blankToNull(Commands.text(json, "label")),
                Commands.text(json, "maj:min"),
                mountpoints,
                children);
    }

    private static void addMount(List<String> mountpoints, JsonNode m) {
        if (m != null && !m.isNull() && !m.isMissingNode() && !m.asText().isBlank()) {
            mountpoints.add(m.asText());
        }
    }

    /** Newer lsblk prints sizes as numbers with {@code -b}, older ones as strings. */
    private static long size(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
