package dev.reinstaller.cloud.hetzner.tomsdevsn;

import static dev.reinstaller.cloud.hetzner.tomsdevsn.BadReply.each;
import static dev.reinstaller.cloud.hetzner.tomsdevsn.BadReply.need;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.Firewall;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.Shown;
import dev.reinstaller.cloud.hetzner.SshKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import me.tomsdevsn.hetznercloud.objects.enums.TargetType;
import me.tomsdevsn.hetznercloud.objects.general.FWApplicationTarget;
import me.tomsdevsn.hetznercloud.objects.general.FirewallRule;
import me.tomsdevsn.hetznercloud.objects.general.PublicNet;

/**
 * The library's mutable POJOs into our records. Nothing of the library leaves this class's package.
 * Each conversion takes the JSON path of what it converts ({@code servers[2]}) and throws a
 * {@link BadReply} naming the field when something it needs is missing or unfit; text meant for
 * messages (action errors) is bounded and escaped here.
 */
final class Convert {
    private Convert() {}

    static Server server(me.tomsdevsn.hetznercloud.objects.general.Server s, String path) {
        need(s, path);
        PublicNet net = s.getPublicNet();
        Optional<String> v4 = Optional.ofNullable(net)
                .map(PublicNet::getIpv4)
                .map(PublicNet.IPv4::getIp)
                .filter(ip -> !ip.isBlank());
        Optional<String> v6 = Optional.ofNullable(net)
                .map(PublicNet::getIpv6)
                .map(PublicNet.IPv6::getIp)
                .filter(ip -> !ip.isBlank());
        return new Server(
                id(s.getId(), path),
                name(s.getName(), path + ".name"),
                s.getStatus() == null ? "unknown" : Shown.bounded(s.getStatus()),
                v4,
                v6,
                s.isRescueEnabled(),
                s.getLabels() == null ? Map.of() : s.getLabels());
    }

    static List<Server> servers(List<me.tomsdevsn.hetznercloud.objects.general.Server> list, String path) {
        each(list, path);
        return IntStream.range(0, list.size())
                .mapToObj(i -> server(list.get(i), path + "[" + i + "]"))
                .toList();
    }

    static Action action(me.tomsdevsn.hetznercloud.objects.general.Action a, String path) {
        need(a, path);
        Optional<String> error = Optional.ofNullable(a.getError())
                .map(e -> Shown.bounded(e.getCode()) + ": " + Shown.bounded(e.getMessage()));
        long progress = a.getProgress() == null ? 0 : a.getProgress();
        return new Action(
                id(a.getId(), path),
                a.getCommand() == null ? "unknown" : Shown.bounded(a.getCommand()),
                Action.Status.of(a.getStatus()),
                (int) Math.max(0, Math.min(100, progress)),
                error);
    }

    static Firewall firewall(me.tomsdevsn.hetznercloud.objects.general.Firewall f, String path) {
        List<FirewallRule> rules = f.getFirewallRules() == null ? List.of() : f.getFirewallRules();
        each(rules, path + ".rules");
        return new Firewall(
                id(f.getId(), path),
                name(f.getName(), path + ".name"),
                rules.stream()
                        .map(r -> new Firewall.Rule(
                                r.getDirection() == FirewallRule.Direction.in,
                                r.getProtocol() == null ? "" : r.getProtocol().name(),
                                r.getPort(),
                                r.getSourceIPs() == null ? List.of() : r.getSourceIPs()))
                        .toList());
    }

    /** The firewall at {@code path} when it applies to {@code server}, directly or by label selector. */
    static Optional<Firewall> firewallOf(
            me.tomsdevsn.hetznercloud.objects.general.Firewall f, String path, Server server) {
        return appliesTo(f, path, server) ? Optional.of(firewall(f, path)) : Optional.empty();
    }

    private static boolean appliesTo(
            me.tomsdevsn.hetznercloud.objects.general.Firewall firewall, String path, Server server) {
        List<FWApplicationTarget> targets = firewall.getAppliedTo() == null ? List.of() : firewall.getAppliedTo();
        each(targets, path + ".applied_to");
        return targets.stream().anyMatch(t -> appliesTo(t, server));
    }

    private static boolean appliesTo(FWApplicationTarget target, Server server) {
        if (target.getType() == TargetType.server) {
            return target.getServer() != null
                    && Long.valueOf(server.id()).equals(target.getServer().getId());
        }
        return target.getLabelSelector() != null
                && LabelSelector.matches(target.getLabelSelector().getSelector(), server.labels());
    }

    static SshKey sshKey(me.tomsdevsn.hetznercloud.objects.general.SSHKey k, String path) {
        return new SshKey(id(k.getId(), path), name(k.getName(), path + ".name"), k.getFingerprint(), k.getPublicKey());
    }

    private static long id(Long id, String path) {
        if (need(id, path + ".id") <= 0) {
            throw new BadReply(path + ".id", "is " + id + ", not a positive id");
        }
        return id;
    }

    /** A name as printed in messages: there, at most 255 characters, nothing a terminal would act on. */
    private static String name(String name, String field) {
        need(name, field);
        if (name.isBlank() || name.length() > 255 || !Shown.isPlain(name)) {
            throw new BadReply(field, "is not a name: " + Shown.quoted(name));
        }
        return name;
    }
}
