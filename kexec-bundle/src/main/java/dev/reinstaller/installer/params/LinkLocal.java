package dev.reinstaller.installer.params;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.hardware.LiveNic;
import dev.reinstaller.installer.system.InstallerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The link the metadata service needs before runtime info exists. {@code reinstaller.source=metadata}
 * runs in {@code params}, before {@code network} knows any address, and the ramdisk runs no DHCP
 * client; but a link-local metadata address (Hetzner's 169.254.169.254) is reachable on the link with
 * a link-local source address. So every physical NIC comes up with a temporary {@code 169.254.x.y/16}
 * derived from its MAC (RFC 3927's range 169.254.1.0 to 169.254.254.255), and the addresses go again
 * when discovery ends, before the network phase configures the real ones.
 */
final class LinkLocal implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private final Processes processes;
    private final Events events;
    private final List<List<String>> undo;

    private LinkLocal(Processes processes, Events events, List<List<String>> undo) {
        this.processes = processes;
        this.events = events;
        this.undo = undo;
    }

    /** Nothing to bring up: the metadata service is not link-local. */
    static LinkLocal none(Processes processes, Events events) {
        return new LinkLocal(processes, events, List.of());
    }

    static boolean needed(String host) {
        return host != null && host.startsWith("169.254.");
    }

    /** Brings every NIC up with its temporary address. */
    static LinkLocal up(Processes processes, Events events, List<LiveNic> nics) {
        List<List<String>> undo = new ArrayList<>();
        LinkLocal link = new LinkLocal(processes, events, undo);
        try {
            for (LiveNic nic : nics) {
                String cidr = address(nic.mac()) + "/16";
                processes
                        .run(List.of("ip", "link", "set", "dev", nic.name(), "up"), COMMAND_TIMEOUT)
                        .orThrow();
                processes
                        .run(List.of("ip", "-4", "addr", "replace", cidr, "dev", nic.name()), COMMAND_TIMEOUT)
                        .orThrow();
                undo.add(List.of("ip", "-4", "addr", "del", cidr, "dev", nic.name()));
            }
        } catch (InstallerException | Processes.ProcessException e) {
            link.close();
            throw e;
        }
        events.log(
                Phase.PARAMS,
                "temporary link-local addresses for the metadata service on "
                        + nics.stream().map(LiveNic::name).toList());
        return link;
    }

    /** {@code 169.254.x.y} from the MAC's last two bytes, x in 1..254. */
    static String address(String mac) {
        String[] bytes = mac.split(":");
        int x = Integer.parseInt(bytes[bytes.length - 2], 16) % 254 + 1;
        int y = Integer.parseInt(bytes[bytes.length - 1], 16);
        return "169.254." + x + "." + y;
    }

    /** Removes the addresses; a failure is reported, since the network phase replaces them anyway. */
    @Override
    public void close() {
        for (List<String> argv : undo) {
            try {
                Processes.ProcessResult result = processes.run(argv, COMMAND_TIMEOUT);
                if (!result.ok()) {
                    events.log(Phase.PARAMS, String.join(" ", argv) + " exited with " + result.exitCode());
                }
            } catch (InstallerException | Processes.ProcessException e) {
                events.log(Phase.PARAMS, e.getMessage());
            }
        }
    }
}
