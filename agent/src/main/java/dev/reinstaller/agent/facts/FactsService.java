package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.metadata.MetadataClient;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.InvalidFieldException;
import dev.reinstaller.protocol.Provider;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Gathers the runtime info of the host it runs on, read-only: DMI and firmware from sysfs, NICs from
 * {@code ip -j}, disks from {@code lsblk -J -b} and sysfs, root's keys, resolvers, and on Hetzner the
 * metadata service. Nothing on the host is changed and nothing is imported or activated.
 */
public final class FactsService {
    private final HostPaths paths;
    private final Processes processes;
    private final MetadataClient metadata;
    private final Clock clock;

    public FactsService(HostPaths paths, Processes processes, MetadataClient metadata, Clock clock) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Gathers the facts.
     *
     * @throws FactsException with {@link FactsException.Category#BAD_INPUT} when {@code --disk} names no
     *     disk, {@link FactsException.Category#REFUSED} when {@code /} is in RAM and no disk is named,
     *     {@link FactsException.Category#REMOTE} when an explicitly named metadata service fails, and
     *     {@link FactsException.Category#FAILED} for everything else
     */
    public Facts gather(FactsRequest request) {
        Objects.requireNonNull(request, "request");
        Findings findings = new Findings();
        HostFiles files = new HostFiles(paths);
        Commands commands = new Commands(processes);
        try {
            MachineFacts.Identity identity = new MachineFacts(files, processes, findings).gather();
            List<String> keys = AuthorizedKeys.gather(files, findings);
            BlockDevices devices = BlockDevices.read(commands);
            TargetDisks.Choice choice = new TargetDisks(files, commands, findings).choose(request.disk(), devices);
            DiskIdentity identities = new DiskIdentity(files, findings);
            List<Disk> disks = new ArrayList<>();
            choice.disks().forEach(node -> disks.add(identities.of(node)));
            NetworkFacts.Result network = new NetworkFacts(files, commands, findings).gather();
            List<String> nameServers = NameServers.gather(files, findings);
            Provider provider = new MetadataFacts(metadata, clock, findings)
                    .gather(
                            request,
                            new MetadataFacts.Local(identity.hostName(), identity.machine(), keys, network.nics()))
                    .orElse(null);
            RuntimeInfo info = new RuntimeInfo(
                    RuntimeInfo.SCHEMA_VERSION,
                    identity.hostName(),
                    identity.hostId(),
                    identity.machine(),
                    identity.arch(),
                    identity.firmware(),
                    keys,
                    disks,
                    network.nics(),
                    network.skipped(),
                    nameServers,
                    provider);
            Set<String> pools = choice.rootPools();
            return new Facts(info, findings.all(), DiskState.of(choice.disks().getFirst(), pools));
        } catch (InvalidFieldException e) {
            throw new FactsException(
                    FactsException.Category.FAILED,
                    "the facts of this host are not valid runtime info: " + e.getMessage(),
                    e);
        } catch (UncheckedIOException e) {
            throw new FactsException(FactsException.Category.FAILED, e.getMessage(), e);
        }
    }
}
