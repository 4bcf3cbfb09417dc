package dev.reinstaller.installer.disk;

import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.hardware.LiveDisk;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.OldData;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.Waits;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code partition}: clears the confirmed disk and lays out {@link DiskLayout}, every step through the
 * {@link DiskWriter}:
 *
 * <ol>
 *   <li>{@code zpool labelclear -f} on each old partition, so an earlier install's {@code rpool} can
 *       never be found (or imported) again; a partition without a label makes it fail, which is fine;
 *   <li>{@code wipefs -a} on each old partition, then on the disk;
 *   <li>unless {@code reinstaller.wipe=none}: the whole disk zeroed and read back ({@link DiskZeroing});
 *   <li>{@code sgdisk --zap-all}, then one {@code sgdisk} that creates the three partitions;
 *   <li>a wait, with a deadline, for the partition nodes to appear (devtmpfs makes them when the
 *       kernel rereads the table; no udev needed);
 *   <li>{@code mkfs.vfat} on the ESP.
 * </ol>
 */
public record PartitionPhase(InstallerPaths paths, Events events, Clock clock, DiskWriter disk, DiskZeroing zeroing)
        implements PhaseAction {
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    static final Duration NODES_DEADLINE = Duration.ofSeconds(30);

    public PartitionPhase(InstallerPaths paths, Events events, Clock clock, DiskWriter disk) {
        this(paths, events, clock, disk, new DiskZeroing(paths, events, clock, disk));
    }

    @Override
    public void run(RunState state) {
        String name = state.target().name();
        String device = "/dev/" + name;
        List<String> old = new BlockDevices(paths)
                .disk(name)
                .map(LiveDisk::partitions)
                .orElseThrow(() -> InstallerException.permanent("disk " + name + " vanished from /sys/block"));
        for (String partition : old) {
            ProcessResult cleared =
                    disk.run(List.of("zpool", "labelclear", "-f", "/dev/" + partition), COMMAND_TIMEOUT);
            // labelclear fails on a partition that never held a pool, the common case; wipefs below
            // clears every signature either way, so this is a note, not an error.
            events.log(
                    Phase.PARTITION,
                    cleared.ok()
                            ? "cleared a ZFS label on /dev/" + partition
                            : "/dev/" + partition + " holds no ZFS label to clear (zpool labelclear: "
                                    + cleared.stderr().strip() + ")");
        }
        for (String partition : old) {
            must(List.of("wipefs", "-a", "/dev/" + partition));
        }
        must(List.of("wipefs", "-a", device));
        state.oldData(
                switch (state.parameters().wipe()) {
                    case ZERO -> zeroing.zero(name, state.target().sizeBytes());
                    case NONE -> {
                        events.log(
                                Phase.PARTITION,
                                "NOT zeroing " + device + " (reinstaller.wipe=none): the old system's data stays"
                                        + " readable in the blocks the new pool does not overwrite");
                        yield OldData.kept();
                    }
                });
        must(List.of("sgdisk", "--zap-all", device));
        must(List.of(
                "sgdisk",
                "-a",
                "2048",
                "-n",
                DiskLayout.BIOS_BOOT + ":0:+1M",
                "-t",
                DiskLayout.BIOS_BOOT + ":EF02",
                "-c",
                DiskLayout.BIOS_BOOT + ":bios",
                "-n",
                DiskLayout.ESP + ":0:+1G",
                "-t",
                DiskLayout.ESP + ":EF00",
                "-c",
                DiskLayout.ESP + ":ESP",
                "-n",
                DiskLayout.ZFS + ":0:0",
                "-t",
                DiskLayout.ZFS + ":BF00",
                "-c",
                DiskLayout.ZFS + ":zfs",
                device));
        awaitNodes(name);
        must(List.of("mkfs.vfat", "-F", "32", "-n", "ESP", DiskLayout.partition(name, DiskLayout.ESP)));
        events.log(Phase.PARTITION, "partitioned " + device + ": bios boot, ESP (vfat), zfs");
    }

    private void must(List<String> argv) {
        disk.run(argv, COMMAND_TIMEOUT).orThrow();
    }

    private void awaitNodes(String name) {
        List<String> nodes = List.of(
                DiskLayout.partition(name, DiskLayout.BIOS_BOOT),
                DiskLayout.partition(name, DiskLayout.ESP),
                DiskLayout.partition(name, DiskLayout.ZFS));
        Optional<Boolean> present = Waits.poll(
                clock,
                clock.after(NODES_DEADLINE),
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                () -> nodes.stream().allMatch(n -> Files.exists(paths.resolve(n)))
                        ? Optional.of(true)
                        : Optional.empty());
        if (present.isEmpty()) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT,
                    "the partition nodes " + nodes + " did not appear within " + NODES_DEADLINE.toSeconds()
                            + " s after sgdisk wrote the table");
        }
    }
}
