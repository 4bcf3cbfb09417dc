package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the disks to reinstall: the one the operator named, or the physical disks behind {@code /}
 * through partitions, device mapper (LVM, LUKS), md and ZFS pools. Refuses to guess when {@code /} is
 * in RAM or on something that is no disk.
 */
record TargetDisks(HostFiles files, Commands commands, Findings findings) {
    /** The chosen disks (the first holds the new pool) and the pools found on the way. */
    record Choice(List<BlockDevices.Node> disks, Set<String> rootPools) {}

    Choice choose(Optional<String> named, BlockDevices devices) {
        RootMount.Source root = RootMount.find(files.lines(RootMount.MOUNTINFO));
        if (named.isPresent()) {
            BlockDevices.Node disk = named(named.get(), devices);
            List<BlockDevices.Node> behindRoot = behindRootQuietly(root, devices);
            if (!behindRoot.isEmpty()
                    && behindRoot.stream().noneMatch(d -> d.kname().equals(disk.kname()))) {
                findings.info(
                        "disk", disk.kname() + " was named; / is on " + names(behindRoot) + ", which stays as is");
            }
            return new Choice(List.of(disk), Set.of());
        }
        return switch (root) {
            case RootMount.Source.InRam ram -> throw refuse(ram.description() + " (a rescue or live system)", devices);
            case RootMount.Source.Unmapped unmapped -> throw refuse(unmapped.description(), devices);
            case RootMount.Source.Block block -> new Choice(diskHolding(block, devices), Set.of());
            case RootMount.Source.Zfs zfs -> new Choice(poolDisks(zfs, devices), Set.of(zfs.pool()));
        };
    }

    private List<BlockDevices.Node> behindRootQuietly(RootMount.Source root, BlockDevices devices) {
        try {
            return switch (root) {
                case RootMount.Source.Block block -> diskHolding(block, devices);
                case RootMount.Source.Zfs zfs -> poolDisks(zfs, devices);
                case RootMount.Source.InRam ram -> List.of();
                case RootMount.Source.Unmapped unmapped -> List.of();
            };
        } catch (FactsException e) {
            return List.of();
        }
    }

    private BlockDevices.Node named(String name, BlockDevices devices) {
        String kernelName = kernelName(name);
        Optional<BlockDevices.Node> top = devices.roots().stream()
                .filter(n -> n.kname().equals(kernelName) || n.name().equals(kernelName))
                .findFirst();
        if (top.isPresent()) {
            if (!top.get().isDisk()) {
                throw new FactsException(
                        FactsException.Category.BAD_INPUT,
                        "--disk " + name + " is a " + top.get().type() + " device, not a disk; disks here: "
                                + candidates(devices));
            }
            return top.get();
        }
        Optional<BlockDevices.Node> inner =
                devices.find(n -> n.kname().equals(kernelName) || n.name().equals(kernelName));
        if (inner.isPresent()) {
            throw new FactsException(
                    FactsException.Category.BAD_INPUT,
                    "--disk " + name + " is a " + inner.get().type() + " on "
                            + names(devices.topLevelHolding(inner.get().kname()))
                            + "; name the whole disk");
        }
        throw new FactsException(
                FactsException.Category.BAD_INPUT,
                "--disk " + name + " names no disk on this host; disks here: " + candidates(devices));
    }

    /** {@code /dev/sda}, {@code sda} or a link under {@code /dev} to the kernel name. */
    private String kernelName(String name) {
        if (name.startsWith("/dev/")) {
            Path link = files.path(name);
            if (Files.isSymbolicLink(link)) {
                try {
                    return Files.readSymbolicLink(link).getFileName().toString();
                } catch (IOException e) {
                    throw new FactsException(
                            FactsException.Category.BAD_INPUT,
                            "cannot read the link " + name + ": " + e.getMessage(),
                            e);
                }
            }
            if (name.startsWith("/dev/disk/")) {
                throw new FactsException(
                        FactsException.Category.BAD_INPUT, "--disk " + name + " does not exist on this host");
            }
            return name.substring("/dev/".length());
        }
        return name;
    }

    private List<BlockDevices.Node> diskHolding(RootMount.Source.Block block, BlockDevices devices) {
        Optional<BlockDevices.Node> node = devices.find(n -> block.majMin().equals(n.majMin()));
        if (node.isEmpty() && block.device().startsWith("/dev/")) {
            String kernelName = kernelName(block.device());
            node = devices.find(n -> n.kname().equals(kernelName) || n.name().equals(kernelName));
        }
        if (node.isEmpty()) {
            throw refuse("/ is on " + block.device() + " (" + block.majMin() + "), which lsblk does not list", devices);
        }
        return physical(node.get().kname(), "/ (" + block.device() + ")", devices);
    }

    private List<BlockDevices.Node> poolDisks(RootMount.Source.Zfs zfs, BlockDevices devices) {
        Set<String> members = new LinkedHashSet<>();
        commands.tryRun(List.of("zpool", "status", "-P", "-L", zfs.pool()))
                .filter(Processes.ProcessResult::ok)
                .ifPresent(r -> members.addAll(ZpoolStatus.vdevs(r.stdout())));
        if (members.isEmpty()) {
            findings.info("disk", "zpool status " + zfs.pool() + " gave no vdevs; using zfs_member labels from lsblk");
            devices.roots()
                    .forEach(root -> root.walk(n -> {
                        if ("zfs_member".equals(n.fstype()) && zfs.pool().equals(n.label())) {
                            members.add("/dev/" + n.kname());
                        }
                    }));
        }
        if (members.isEmpty()) {
            throw refuse(
                    "/ is the ZFS dataset " + zfs.dataset() + ", but no disk of pool " + zfs.pool() + " was found",
                    devices);
        }
        Set<BlockDevices.Node> disks = new LinkedHashSet<>();
        for (String member : members) {
            try {
                disks.addAll(physical(kernelName(member), "pool " + zfs.pool(), devices));
            } catch (FactsException e) {
                findings.warn("disk", "vdev " + member + " of pool " + zfs.pool() + " skipped: " + e.getMessage());
            }
        }
        if (disks.isEmpty()) {
            throw refuse("no vdev of pool " + zfs.pool() + " maps to a disk", devices);
        }
        return new ArrayList<>(disks);
    }

    private List<BlockDevices.Node> physical(String kernelName, String what, BlockDevices devices) {
        List<BlockDevices.Node> tops = devices.topLevelHolding(kernelName);
        List<BlockDevices.Node> disks = tops.stream()
                .filter(BlockDevices.Node::isDisk)
                .filter(n -> !n.kname().startsWith("zram") && !n.kname().startsWith("ram"))
                .toList();
        if (disks.isEmpty()) {
            throw refuse(
                    what + " is on " + kernelName + ", which is on no physical disk (" + names(tops) + ")", devices);
        }
        if (disks.size() > 1) {
            findings.info(
                    "disk",
                    what + " spans " + names(disks) + "; the new pool goes on "
                            + disks.getFirst().kname() + " and the others are listed as targets too");
        }
        return disks;
    }

    private static FactsException refuse(String why, BlockDevices devices) {
        return new FactsException(
                FactsException.Category.REFUSED,
                "cannot tell which disk to reinstall: " + why + "; name it with --disk (disks here: "
                        + candidates(devices) + ")");
    }

    static String candidates(BlockDevices devices) {
        List<String> list = devices.disks().stream()
                .filter(n -> n.size() > 0)
                .map(n -> n.kname() + " " + gib(n.size()) + (n.model() == null ? "" : " " + n.model()))
                .toList();
        return list.isEmpty() ? "none" : String.join(", ", list);
    }

    private static String names(List<BlockDevices.Node> nodes) {
        return String.join(" + ", nodes.stream().map(BlockDevices.Node::kname).toList());
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
