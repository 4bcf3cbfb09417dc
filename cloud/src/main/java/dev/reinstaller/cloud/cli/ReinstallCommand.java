package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.reinstall.Fleet;
import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.cloud.reinstall.Recovery;
import dev.reinstaller.cloud.reinstall.ReinstallService;
import dev.reinstaller.cloud.reinstall.ReinstallSettings;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reinstaller hetzner reinstall}: find the servers through the API and check their firewalls,
 * then the same path as {@code ssh reinstall}; with {@code --on-failure}, recover through the API.
 */
@Command(
        name = "reinstall",
        mixinStandardHelpOptions = true,
        description = {
            "Reinstall Hetzner Cloud servers into NixOS on an encrypted ZFS pool.",
            "Find the servers through the API and check that their firewalls let SSH in, then upload the agent and",
            "bundle, run preflight and plan, kexec into the ramdisk, and follow the installer through an SSH",
            "tunnel with the ramdisk's host key pinned (as `reinstaller ssh reinstall` does for any host).",
            "Results on stdout (--json: one JSON object per line), progress on stderr.",
            "Agent and bundle default to $REINSTALLER_HOME/agent and $REINSTALLER_HOME/bundle."
        })
final class ReinstallCommand extends SshCommand {
    /** How long each API action of a recovery may run. */
    static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(5);

    @Mixin
    ServerOptions target = new ServerOptions();

    @Mixin
    InstallFlags flags = new InstallFlags();

    @Option(
            names = "--on-failure",
            paramLabel = "none|reset|rescue",
            defaultValue = "none",
            description = "When a server does not come back in time: reset it, or boot it into rescue (needs"
                    + " HCLOUD_TOKEN; default none).")
    String onFailure;

    ReinstallCommand(CloudContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        flags.check();
        Optional<HetznerConfig> config = HetznerConfig.fromEnvironment(context.environment());
        Recovery.Mode recovery = recoveryMode(config);
        List<Host> found = target.servers(context, config, flags.inboundPorts()).stream()
                .map(this::host)
                .toList();
        ReinstallSettings settings = flags.settings(context, ssh, false);
        HetznerApi api = recovery == Recovery.Mode.NONE ? null : context.api().apply(config.orElseThrow());
        try {
            return Reinstalls.run(context, ssh, flags, settings, found, service -> after(api, recovery, service));
        } finally {
            Closing.quietly(api);
        }
    }

    /** The server at the address the operator gave, else at its public one. */
    private Host host(Server server) {
        return Host.of(server, target.address().orElseGet(server::sshAddress));
    }

    private Fleet.After after(HetznerApi api, Recovery.Mode mode, ReinstallService service) {
        return api == null
                ? (outcome, k) -> outcome
                : new Recovery(
                                api,
                                context.waiter(),
                                mode,
                                RECOVERY_DEADLINE,
                                Optional.of(service::reinstallFromRescue))::apply;
    }

    private Recovery.Mode recoveryMode(Optional<HetznerConfig> config) {
        Recovery.Mode mode = switch (onFailure.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> Recovery.Mode.NONE;
            case "reset" -> Recovery.Mode.RESET;
            case "rescue" -> Recovery.Mode.RESCUE;
            default ->
                throw new ExitException(ExitCode.USAGE, "--on-failure takes none, reset or rescue, not " + onFailure);
        };
        if (mode != Recovery.Mode.NONE && config.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "--on-failure " + onFailure + " needs HCLOUD_TOKEN");
        }
        return mode;
    }
}
