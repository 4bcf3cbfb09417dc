package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.confirm.ConfirmPhase;
import dev.reinstaller.installer.disk.PartitionPhase;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.flake.FlakePhase;
import dev.reinstaller.installer.install.FinalizePhase;
import dev.reinstaller.installer.install.InstallPhase;
import dev.reinstaller.installer.install.InstallSource;
import dev.reinstaller.installer.keys.KeysPhase;
import dev.reinstaller.installer.network.NetworkPhase;
import dev.reinstaller.installer.params.ParamsPhase;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.PhaseRunner;
import dev.reinstaller.installer.run.ReadyPhase;
import dev.reinstaller.installer.run.RebootPhase;
import dev.reinstaller.installer.system.GatedDiskWriter;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.PolicedProcesses;
import dev.reinstaller.installer.zfs.ZfsPhase;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Wires every phase to the edges and the run's options. */
final class Installer {
    /** How long the final events stay readable before the reboot into the new system. */
    static final Duration REBOOT_GRACE = Duration.ofSeconds(5);

    private Installer() {}

    static PhaseRunner runner(
            InstallerPaths paths,
            RunCommand.Options options,
            Edges edges,
            EventLog events,
            Optional<InetSocketAddress> api) {
        GatedDiskWriter disk = new GatedDiskWriter(edges.diskWriter());
        Supplier<InstallSource> source = () -> InstallSource.of(options.closure(), paths);
        Map<Phase, PhaseAction> actions = new EnumMap<>(Phase.class);
        PolicedProcesses processes = new PolicedProcesses(edges.processes());
        actions.put(Phase.PARAMS, new ParamsPhase(paths, events, edges.metadata(), edges.clock(), processes));
        actions.put(
                Phase.NETWORK,
                new NetworkPhase(
                        paths,
                        events,
                        edges.clock(),
                        processes,
                        edges.reachability(),
                        () -> options.phases().contains(Phase.INSTALL)
                                && source.get().needsBinaryCache()));
        actions.put(Phase.READY, new ReadyPhase(events, api));
        actions.put(Phase.CONFIRM, new ConfirmPhase(paths, events, edges.clock(), edges.keys(), edges.confirmations()));
        actions.put(Phase.PARTITION, new PartitionPhase(paths, events, edges.clock(), disk));
        actions.put(Phase.ZFS, new ZfsPhase(paths, events, disk));
        actions.put(Phase.KEYS, new KeysPhase(paths, events, disk));
        actions.put(Phase.FLAKE, new FlakePhase(paths, events, disk, options.extraFlake()));
        actions.put(
                Phase.INSTALL,
                new InstallPhase(events, edges.clock(), disk, source, options.installTimeout(), options.closureWait()));
        actions.put(Phase.FINALIZE, new FinalizePhase(events, edges.clock(), disk));
        actions.put(Phase.REBOOT, new RebootPhase(events, edges.clock(), edges.rebooter(), REBOOT_GRACE));
        return new PhaseRunner(actions, events, edges.watchdog().apply(events), disk, edges.clock());
    }
}
