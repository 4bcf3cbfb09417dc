package dev.reinstaller.cloud.hetzner;

import java.util.List;
import java.util.Optional;

/**
 * The Hetzner Cloud API as this program uses it. Implementations retry what is worth retrying
 * (rate limit, {@code locked}, server errors), stay within the request budget, and throw
 * {@link HetznerException} saying what was attempted against which server.
 */
public interface HetznerApi {

    /** The server with {@code id}; {@link HetznerException.Category#NOT_FOUND} when there is none. */
    Server server(long id);

    /** The server called {@code name}, if any. */
    Optional<Server> serverByName(String name);

    /** Every server matching a label selector ({@code role=db,env!=prod}), all pages. */
    List<Server> servers(String labelSelector);

    /** The current state of an action. */
    Action action(long id);

    Created rebuild(long serverId, String image);

    /** Enables the rescue system for the next boot (does not reboot). */
    Created enableRescue(long serverId, List<Long> sshKeyIds);

    Action disableRescue(long serverId);

    /** Hard reset. */
    Action reset(long serverId);

    Action powerOn(long serverId);

    Created create(CreateServer request);

    Action delete(long serverId);

    /** Firewalls that apply to the server, directly or through a label selector. */
    List<Firewall> firewallsOf(Server server);

    List<SshKey> sshKeys();
}
