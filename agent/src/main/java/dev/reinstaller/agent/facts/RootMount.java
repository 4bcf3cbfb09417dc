package dev.reinstaller.agent.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What holds {@code /}, from {@code /proc/self/mountinfo}: a block device, a ZFS dataset, RAM (a
 * rescue or live system), or something facts cannot map to a disk.
 */
final class RootMount {
    static final String MOUNTINFO = "/proc/self/mountinfo";

    /** Where {@code /} lives. */
    sealed interface Source {
        /** A block device, by the kernel's major:minor and the mount source (e.g. /dev/mapper/vg-root). */
        record Block(String majMin, String device) implements Source {}

        /** A dataset of a ZFS pool. */
        record Zfs(String pool, String dataset) implements Source {}

        /** tmpfs, ramfs, squashfs or an overlay whose writable layer is in RAM. */
        record InRam(String description) implements Source {}

        /** Something that is no local disk (network filesystem, container layers). */
        record Unmapped(String description) implements Source {}
    }

    /** One line of mountinfo, the fields facts uses. */
    record Mount(String majMin, String mountPoint, String fstype, String source, String superOptions) {}

    private static final Set<String> RAM = Set.of("tmpfs", "ramfs", "rootfs", "squashfs");
    private static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "9p", "virtiofs", "fuse");

    private RootMount() {}

    static Source find(List<String> mountinfo) {
        List<Mount> mounts = parse(mountinfo);
        Mount root = null;
        for (Mount mount : mounts) {
            if (mount.mountPoint().equals("/")) {
                root = mount;
            }
        }
        if (root == null) {
            return new Source.Unmapped(MOUNTINFO + " lists no mount on /");
        }
        return classify(root, mounts);
    }

    private static Source classify(Mount mount, List<Mount> mounts) {
        String what = mount.fstype() + " (" + mount.source() + ")";
        if (RAM.contains(mount.fstype())) {
            return new Source.InRam("/ is " + what + ", which lives in RAM");
        }
        if (mount.fstype().equals("zfs")) {
            int slash = mount.source().indexOf('/');
            String pool = slash < 0 ? mount.source() : mount.source().substring(0, slash);
            return new Source.Zfs(pool, mount.source());
        }
        if (mount.fstype().equals("overlay")) {
            Optional<String> upper = option(mount.superOptions(), "upperdir");
            if (upper.isEmpty()) {
                return new Source.InRam("/ is a read-only overlay (a live system)");
            }
            Optional<Mount> holder = holder(upper.get(), mounts);
            if (holder.isEmpty()) {
                return new Source.Unmapped(
                        "/ is an overlay whose writable layer " + upper.get() + " is not visible (a container?)");
            }
            Mount layer = holder.get();
            if (RAM.contains(layer.fstype())) {
                return new Source.InRam("/ is an overlay whose writable layer " + upper.get() + " is on "
                        + layer.fstype() + ", which lives in RAM");
            }
            return classify(layer, mounts);
        }
        if (NETWORK.contains(mount.fstype()) || mount.fstype().startsWith("fuse.")) {
            return new Source.Unmapped("/ is " + what + ", not a local disk");
        }
        return new Source.Block(mount.majMin(), mount.source());
    }

    /** The mount with the longest mount point that contains {@code path}. */
    private static Optional<Mount> holder(String path, List<Mount> mounts) {
        Mount best = null;
        for (Mount mount : mounts) {
            String point = mount.mountPoint();
            boolean inside = point.equals("/") || path.equals(point) || path.startsWith(point + "/");
            if (inside && (best == null || point.length() >= best.mountPoint().length())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> option(String options, String key) {
        for (String option : options.split(",")) {
            if (option.startsWith(key + "=")) {
                return Optional.of(option.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }

    static List<Mount> parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.strip().split(" ");
            int dash = List.of(fields).indexOf("-");
            if (fields.length < 7 || dash < 6 || fields.length < dash + 3) {
                continue;
            }
            String superOptions = fields.length > dash + 3 ? fields[dash + 3] : "";
            mounts.add(new Mount(
                    fields[2], unescape(fields[4]), fields[dash + 1], unescape(fields[dash + 2]), superOptions));
        }
        return mounts;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes such as {@code \040}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\'
                    && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
