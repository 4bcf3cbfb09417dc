package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.KnownHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records the installed system's host keys in the run's known_hosts once the installer is done: the
 * host key under {@code host} (the port the old host answered on), the initrd's unlock key under {@code [host]:2222}. Each
 * replaces what was recorded for that host and port (the old system's and the ramdisk's keys), so the
 * next {@code ssh} to the server checks the new key. A key the installer reported without its public
 * part (an older installer) is only a fingerprint: nothing is written for it and the message says so.
 */
final class InstalledKnownHosts {
    private final ReinstallSettings settings;

    InstalledKnownHosts(ReinstallSettings settings) {
        this.settings = settings;
    }

    /** Writes what can be written; returns a line saying what was recorded. */
    String record(String host, int sshPort, List<InstalledKey> keys) {
        List<String> done = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        write(host, sshPort, InstalledKey.SSH, keys, done, missing);
        write(host, settings.initrdPort(), InstalledKey.INITRD, keys, done, missing);
        String message = done.isEmpty() ? "" : "known hosts " + settings.knownHosts() + ": " + String.join(", ", done);
        if (!missing.isEmpty()) {
            message += (message.isEmpty() ? "" : "; ") + "no public key reported for " + String.join(", ", missing)
                    + " (pin by fingerprint)";
        }
        return message;
    }

    private void write(
            String host, int port, String purpose, List<InstalledKey> keys, List<String> done, List<String> missing) {
        Optional<InstalledKey> key =
                keys.stream().filter(k -> k.purpose().equals(purpose)).findFirst();
        if (key.isEmpty()) {
            missing.add(purpose);
            return;
        }
        Optional<String> line = key.get().publicKey();
        if (line.isEmpty()) {
            missing.add(purpose + " " + key.get().sha256());
            return;
        }
        KnownHosts.replace(settings.knownHosts(), host, port, line.get());
        done.add(KnownHosts.pattern(host, port) + " " + key.get().sha256());
    }
}
