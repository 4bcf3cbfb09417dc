package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.reinstall.Fleet;
import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.Quoted;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reinstaller ssh reinstall --host ADDRESS}: the whole operator path for a host reached over SSH
 * alone. Nothing here needs a cloud API; what does (the firewall check, the rescue recovery) is left
 * out, and the help says so.
 */
@Command(
        name = "reinstall",
        mixinStandardHelpOptions = true,
        description = {
            "Reinstall hosts reachable over SSH as root into NixOS on an encrypted ZFS pool, with no cloud API.",
            "The same path as `hetzner reinstall`: upload the agent and bundle, run preflight and plan, kexec into",
            "the ramdisk, follow the installer through an SSH tunnel with the ramdisk's host key pinned, then",
            "unlock and verify the new system. Without an API there is no firewall check (the SSH port and 2222",
            "must be open) and no --on-failure recovery (a host that does not come back needs its console).",
            "The old host's key must be in --known-hosts (default ~/.ssh/known_hosts); --trust-first-use",
            "records an unknown one instead, and the output says so.",
            "Results on stdout (--json: one JSON object per line), progress on stderr.",
            "Agent and bundle default to $REINSTALLER_HOME/agent and $REINSTALLER_HOME/bundle."
        })
final class SshReinstallCommand extends SshCommand {
    /** A host name or an IP address as SSH takes it: no spaces, quotes, brackets or leading dash. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9_.:%][A-Za-z0-9_.:%-]*");

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            required = true,
            description = "The old host's address or DNS name (repeatable); reports name it so.")
    List<String> hosts = new ArrayList<>();

    @Option(
            names = "--disk-only-confirmation",
            description = "For hosts without a DMI serial or UUID (common outside clouds): accept a confirmation"
                    + " token bound to the target disk alone. Without it the plan refuses such a host.")
    boolean diskOnlyConfirmation;

    @Mixin
    InstallFlags flags = new InstallFlags();

    SshReinstallCommand(CloudContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        flags.check();
        List<Host> found = hosts();
        if (diskOnlyConfirmation) {
            context.err()
                    .println("reinstaller: --disk-only-confirmation: on a host without a DMI serial or UUID the"
                            + " confirmation token binds only the target disk");
        }
        return Reinstalls.run(context, ssh, flags, flags.settings(context, ssh, diskOnlyConfirmation), found, service ->
                (Fleet.After) (outcome, key) -> outcome);
    }

    private List<Host> hosts() {
        LinkedHashSet<String> addresses = new LinkedHashSet<>();
        for (String given : hosts) {
            String address = given.strip();
            if (!ADDRESS.matcher(address).matches()) {
                throw new ExitException(
                        ExitCode.USAGE,
                        "--host '" + Quoted.of(given) + "': not a host name or IP address (no spaces, brackets,"
                                + " user@ or :port; use --ssh-user and --ssh-port)");
            }
            addresses.add(address);
        }
        return addresses.stream().map(Host::reachedAt).toList();
    }
}
