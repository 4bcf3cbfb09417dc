package dev.reinstaller.installer.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.LiveNic;
import dev.reinstaller.installer.hardware.NetDevices;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.installer.system.Waits;
import dev.reinstaller.protocol.Nic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code network}: the ramdisk runs no network manager, so this phase gives every NIC of runtime info
 * its addresses and routes with {@code ip} ({@link NetworkPlan}), writes {@code /etc/resolv.conf}, and
 * proves each default gateway: one ping to make the kernel resolve it, then a neighbour entry in a
 * usable state within {@link #PROOF_DEADLINE}; then that names resolve and, for a build from the
 * flake, that the binary cache answers ({@link Reachability}). It only changes the ramdisk's own
 * network state; no disk is touched.
 *
 * @param reachability name resolution and the binary cache, proven after the gateways
 * @param needsCache whether this run's install builds the flake (asked when the phase runs)
 */
public record NetworkPhase(
        InstallerPaths paths,
        Events events,
        Clock clock,
        Processes processes,
        Reachability reachability,
        Supplier<Boolean> needsCache)
        implements PhaseAction {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    static final Duration PROOF_DEADLINE = Duration.ofSeconds(20);
    private static final Set<String> USABLE = Set.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT", "NOARP");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public void run(RunState state) {
        List<LiveNic> live = new NetDevices(paths).physical();
        List<Nic> nics = state.info().info().nics();
        List<String> resolvers = state.info().info().nameServers();
        NetworkPlan plan = NetworkPlan.of(nics, live);
        for (List<String> argv : plan.commands()) {
            processes.run(argv, COMMAND_TIMEOUT).orThrow();
        }
        writeResolvers(resolvers);
        if (plan.gateways().isEmpty()) {
            events.log(Phase.NETWORK, "no default gateway in runtime info: only the local links are reachable");
        }
        for (NetworkPlan.Gateway gateway : plan.gateways()) {
            prove(gateway);
        }
        events.log(
                Phase.NETWORK,
                "configured " + nics.size() + " NIC(s) by MAC; gateways answering: "
                        + plan.gateways().stream()
                                .map(g -> g.address() + "%" + g.device())
                                .toList());
        reachability.prove(events, clock, !resolvers.isEmpty(), needsCache);
    }

    private void prove(NetworkPlan.Gateway gateway) {
        processes.run(
                List.of("ping", "-c", "1", "-W", "1", "-I", gateway.device(), gateway.address()), COMMAND_TIMEOUT);
        List<String> neigh = List.of(
                "ip",
                gateway.isV6() ? "-6" : "-4",
                "-j",
                "neigh",
                "show",
                "to",
                gateway.address(),
                "dev",
                gateway.device());
        Optional<String> state = Waits.poll(
                clock, clock.after(PROOF_DEADLINE), Duration.ofMillis(250), Duration.ofSeconds(2), () -> usable(neigh));
        if (state.isEmpty()) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT,
                    "gateway " + gateway.address() + " on " + gateway.device() + " did not answer within "
                            + PROOF_DEADLINE.toSeconds() + " s (no usable neighbour entry)");
        }
    }

    private Optional<String> usable(List<String> neigh) {
        Processes.ProcessResult result = processes.run(neigh, COMMAND_TIMEOUT);
        if (!result.ok() || result.stdout().isBlank()) {
            return Optional.empty();
        }
        try {
            for (JsonNode entry : JSON.readTree(result.stdout())) {
                for (JsonNode s : entry.path("state")) {
                    if (USABLE.contains(s.asText())) {
                        return Optional.of(s.asText());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw InstallerException.permanent(String.join(" ", neigh) + " printed no JSON: " + e.getOriginalMessage());
        }
        return Optional.empty();
    }

    private void writeResolvers(List<String> resolvers) {
        if (resolvers.isEmpty()) {
            events.log(Phase.NETWORK, "runtime info names no resolvers; /etc/resolv.conf left as it is");
            return;
        }
        Path file = paths.resolve("/etc/resolv.conf");
        StringBuilder text = new StringBuilder("# written by reinstaller-installer from runtime info\n");
        resolvers.forEach(r -> text.append("nameserver ").append(r).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT, "cannot write /etc/resolv.conf: " + e.getMessage(), e);
        }
    }
}
