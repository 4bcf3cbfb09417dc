package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.SshTarget;

/** Where a server answers SSH: the old host and, after the kexec, the ramdisk at the same place. */
@FunctionalInterface
public interface Addressing {
    SshTarget of(Host server);

    /** The server's public address (IPv4, else its v6 network's {@code ::1}) on the settings' port. */
    static Addressing standard(ReinstallSettings settings) {
        return server ->
                new SshTarget(server.name(), server.address(), settings.sshPort(), "root", settings.identities());
    }
}
