package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.hetzner.FirewallCheck;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.reinstall.ServerRef;
import dev.reinstaller.cloud.reinstall.ServerResolver;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which servers a command works on, and the checks made through the API before anything happens.
 * With {@code --address} (one server) SSH goes to that address; without an API token the server id
 * is then taken as given (no lookup, no firewall check).
 */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "NAME|ID", description = "A server by name or id (repeatable).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--selector", paramLabel = "LABELS", description = "Servers by label selector, e.g. role=web.")
    List<String> selectors = new ArrayList<>();

    @Option(
            names = "--address",
            paramLabel = "ADDR",
            description = "SSH to ADDR instead of the server's public address (one --server only; works without"
                    + " HCLOUD_TOKEN).")
    String address;

    @Option(names = "--skip-firewall-check", description = "Do not check that Hetzner firewalls let the SSH ports in.")
    boolean skipFirewallCheck;

    Optional<String> address() {
        return Optional.ofNullable(address).filter(a -> !a.isBlank()).map(String::strip);
    }

    /**
     * The servers named, each once, after the firewall check.
     *
     * @param ports TCP ports that must be open inbound
     */
    List<Server> servers(CloudContext context, Optional<HetznerConfig> config, int[] ports) {
        List<ServerRef> refs = refs();
        if (address().isPresent() && (refs.size() != 1 || !(selectors.isEmpty()))) {
            throw new ExitException(ExitCode.USAGE, "--address goes with exactly one --server");
        }
        if (config.isEmpty()) {
            if (address().isEmpty()) {
                throw new ExitException(
                        ExitCode.USAGE, "set HCLOUD_TOKEN to a Hetzner Cloud API token (or give --address)");
            }
            context.err()
                    .println("reinstaller: no HCLOUD_TOKEN: taking server "
                            + servers.getFirst().strip() + " at " + address().get()
                            + " as given; firewalls are not checked");
            return List.of(offline(servers.getFirst().strip(), address().get()));
        }
        HetznerApi api = context.api().apply(config.get());
        try {
            List<Server> found = new ServerResolver(api).resolve(refs);
            if (skipFirewallCheck) {
                context.err().println("reinstaller: firewall check skipped (--skip-firewall-check)");
            } else {
                List<String> blocked = new FirewallCheck(api).blocked(found, ports);
                if (!blocked.isEmpty()) {
                    throw new ExitException(
                            ExitCode.REFUSED,
                            String.join("; ", blocked)
                                    + "; add inbound TCP rules for these ports or pass --skip-firewall-check");
                }
            }
            return found;
        } catch (HetznerException e) {
            throw new ExitException(ExitCode.REMOTE, e.getMessage(), e);
        } catch (DeadlineExceededException e) {
            throw new ExitException(ExitCode.TIMEOUT, e.getMessage(), e);
        } catch (ServerResolver.ResolveException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } finally {
            Closing.quietly(api);
        }
    }

    private static Server offline(String id, String address) {
        if (!id.chars().allMatch(Character::isDigit)) {
            throw new ExitException(
                    ExitCode.USAGE, "without HCLOUD_TOKEN, --server must be the numeric server id, got " + id);
        }
        return new Server(Long.parseLong(id), id, "unknown", Optional.of(address), Optional.empty(), false, Map.of());
    }

    private List<ServerRef> refs() {
        if (servers.isEmpty() && selectors.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "name servers with --server NAME|ID or --selector LABELS");
        }
        List<ServerRef> refs = new ArrayList<>();
        servers.forEach(s -> refs.add(parse(s)));
        selectors.forEach(s -> refs.add(new ServerRef.BySelector(s)));
        return refs;
    }

    private static ServerRef parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "--server needs a name or an id");
        }
        return t.chars().allMatch(Character::isDigit) ? new ServerRef.ById(Long.parseLong(t)) : new ServerRef.ByName(t);
    }
}
