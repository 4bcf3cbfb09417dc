package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Server;
import java.util.OptionalLong;

/**
 * A machine to reinstall, as the flow needs it: a name for the reports, the address SSH reaches it at
 * (the old host, then the ramdisk and the new system at the same place), and its Hetzner Cloud server
 * id when the API found it. Nothing in the flow needs the API; only a recovery does ({@link Recovery}).
 *
 * @param name how reports name it: the server's name, or the address the operator gave
 * @param address IP address or DNS name
 * @param serverId the Hetzner Cloud server id, absent for a host reached over SSH alone
 */
public record Host(String name, String address, OptionalLong serverId) {
    public Host {
        if (name == null || name.isBlank() || address == null || address.isBlank() || serverId == null) {
            throw new IllegalArgumentException("a host needs a name and an address");
        }
    }

    /** A host reached over SSH alone, named by its address. */
    public static Host reachedAt(String address) {
        return new Host(address, address, OptionalLong.empty());
    }

    /** A Hetzner Cloud server at {@code address} (its public one, or the one the operator gave). */
    public static Host of(Server server, String address) {
        return new Host(server.name(), address, OptionalLong.of(server.id()));
    }

    /** A Hetzner Cloud server at its public address. */
    public static Host of(Server server) {
        return of(server, server.sshAddress());
    }

    @Override
    public String toString() {
        return serverId.isPresent() ? name + " (" + serverId.getAsLong() + ")" : name;
    }
}
