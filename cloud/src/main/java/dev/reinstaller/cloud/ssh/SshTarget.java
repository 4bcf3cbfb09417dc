package dev.reinstaller.cloud.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * Where to connect and as whom.
 *
 * @param label a name for messages ({@code web-1})
 * @param host address or name
 * @param port TCP port (22; 2222 for the new system's initrd)
 * @param user user name (root)
 * @param identities private key files in OpenSSH format, tried in order
 */
public record SshTarget(String label, String host, int port, String user, List<Path> identities) {
    public SshTarget {
        if (host == null || host.isBlank() || port < 1 || port > 65535 || user == null || user.isBlank()) {
            throw new IllegalArgumentException("an SSH target needs a host, a port in 1-65535 and a user");
        }
        label = label == null || label.isBlank() ? host : label;
        identities = List.copyOf(identities);
    }

    public SshTarget withPort(int newPort) {
        return new SshTarget(label, host, newPort, user, identities);
    }

    /** {@code web-1 (192.0.2.7:22)}, for messages. */
    public String describe() {
        String address = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return label.equals(host) ? address : label + " (" + address + ")";
    }
}
