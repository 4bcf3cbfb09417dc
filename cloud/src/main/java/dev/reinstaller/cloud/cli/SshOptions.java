package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** How to log in and how to check host keys; shared by every command that speaks SSH. */
final class SshOptions {
    @Option(
            names = {"--ssh-key", "--identity"},
            paramLabel = "FILE",
            description = "SSH private key (repeatable; default ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--ssh-user", paramLabel = "USER", defaultValue = "root", description = "SSH user (default root).")
    String user;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "known_hosts that pins host keys and receives new ones (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--trust-first-use", description = "Record a host's unknown key instead of refusing.")
    boolean trustFirstUse;

    /** The identities given, else the user's default ones that exist. */
    List<Path> identities(CloudContext context) {
        List<Path> ids = identities.isEmpty()
                ? Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
                        .map(n -> context.home().resolve(".ssh").resolve(n))
                        .filter(Files::isReadable)
                        .toList()
                : identities;
        if (ids.isEmpty()) {
            throw new ExitException(ExitCode.USAGE, "no SSH identity: give --ssh-key FILE");
        }
        if (user == null || user.isBlank()) {
            throw new ExitException(ExitCode.USAGE, "--ssh-user must not be empty");
        }
        return ids;
    }

    Path knownHosts(CloudContext context) {
        return knownHosts != null ? knownHosts : context.home().resolve(".ssh/known_hosts");
    }

    HostKeyPolicy policy(CloudContext context) {
        return new HostKeyPolicy.KnownHostsFile(knownHosts(context), trustFirstUse);
    }
}
