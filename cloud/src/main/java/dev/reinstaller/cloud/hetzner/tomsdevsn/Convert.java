package dev.reinstaller.cloud.hetzner.tomsdevsn;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.Firewall;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.SshKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tomsdevsn.hetznercloud.objects.general.FirewallRule;
import me.tomsdevsn.hetznercloud.objects.general.PublicNet;

/** The library's mutable POJOs into our records. Nothing of the library leaves this class's package. */
final class Convert {
    private Convert() {}

    static Server server(me.tomsdevsn.hetznercloud.objects.general.Server s) {
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
                s.getId(),
                s.getName(),
                s.getStatus() == null ? "unknown" : s.getStatus(),
                v4,
                v6,
                s.isRescueEnabled(),
                s.getLabels() == null ? Map.of() : s.getLabels());
    }

    static Action action(me.tomsdevsn.hetznercloud.objects.general.Action a) {
        Optional<String> error = Optional.ofNullable(a.getError()).map(e -> e.getCode() + ": " + e.getMessage());
        long progress = a.getProgress() == null ? 0 : a.getProgress();
        return new Action(
                a.getId(),
                a.getCommand() == null ? "unknown" : a.getCommand(),
                Action.Status.of(a.getStatus()),
                (int) Math.max(0, Math.min(100, progress)),
                error);
    }

    static Firewall firewall(me.tomsdevsn.hetznercloud.objects.general.Firewall f) {
        List<FirewallRule> rules = f.getFirewallRules() == null ? List.of() : f.getFirewallRules();
        return new Firewall(
                f.getId(),
                f.getName(),
                rules.stream()
                        .map(r -> new Firewall.Rule(
                                r.getDirection() == FirewallRule.Direction.in,
                                r.getProtocol() == null ? "" : r.getProtocol().name(),
                                r.getPort(),
                                r.getSourceIPs() == null ? List.of() : r.getSourceIPs()))
                        .toList());
    }

    static SshKey sshKey(me.tomsdevsn.hetznercloud.objects.general.SSHKey k) {
        return new SshKey(k.getId(), k.getName(), k.getFingerprint(), k.getPublicKey());
    }
}
