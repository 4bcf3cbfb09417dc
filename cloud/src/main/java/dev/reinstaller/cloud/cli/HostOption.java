package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import picocli.CommandLine.Option;

/** {@code --host}: the one server a command speaks SSH to, by address or name ({@code status}, {@code unlock}). */
final class HostOption {
    @Option(names = "--host", paramLabel = "HOST", required = true, description = "The server's address or name.")
    String host;

    /** Where to connect: the host on {@code port}, logged in as {@code ssh} says; bad values are usage errors. */
    SshTarget target(CloudContext context, SshOptions ssh, int port) {
        try {
            return new SshTarget(host, host, port, ssh.user, ssh.identities(context));
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        }
    }
}
