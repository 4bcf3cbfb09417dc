package dev.reinstaller.installer.keys;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code keys}: generates the installed host's SSH host key and the initrd unlock server's host key
 * (both ed25519, no passphrase) into {@code /persist} on the new pool, with {@code ssh-keygen} through
 * the {@link DiskWriter} since they land on the new disk, and reports their fingerprints as a
 * {@link Event.HostKeys} event (with the public keys) so the operator can pin them. A key that already exists (a repeated
 * run) is kept. The private keys are never read here; only the {@code .pub} files are.
 */
public record KeysPhase(InstallerPaths paths, Events events, DiskWriter disk) implements PhaseAction {
    /** Where the installed host's SSH host key lives (NixOS reads it from /persist). */
    static final String HOST_KEY = DiskLayout.PERSIST + "/etc/ssh/ssh_host_ed25519_key";

    /**
     * The host key of the initrd's SSH server that unlocks the pool (port 2222), where the host module
     * reads it ({@code reinstaller.initrdUnlock.hostKey}); the boot loader copies it into the initrd.
     */
    static final String INITRD_KEY = DiskLayout.PERSIST + "/etc/ssh/initrd_ssh_host_ed25519_key";

    static final Duration TIMEOUT = Duration.ofMinutes(1);

    @Override
    public void run(RunState state) {
        String host = state.info().keyCommentHost();
        disk.run(List.of("mkdir", "-p", parent(HOST_KEY)), TIMEOUT).orThrow();
        disk.run(List.of("chmod", "0700", parent(HOST_KEY)), TIMEOUT).orThrow();
        List<Event.Fingerprint> fingerprints = new ArrayList<>();
        fingerprints.add(generate("ssh", HOST_KEY, "root@" + host));
        fingerprints.add(generate("initrd", INITRD_KEY, "initrd@" + host));
        events.emit(new Event.HostKeys(fingerprints));
    }

    private Event.Fingerprint generate(String purpose, String key, String comment) {
        Path pub = paths.resolve(key + ".pub");
        if (Files.exists(paths.resolve(key)) && Files.exists(pub)) {
            events.log(Phase.KEYS, key + " exists; keeping it");
        } else {
            disk.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key), TIMEOUT)
                    .orThrow();
        }
        try {
            Fingerprint.Of of = Fingerprint.of(Files.readAllBytes(pub));
            return new Event.Fingerprint(purpose, of.type(), of.sha256(), of.publicKey());
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT, "cannot read " + key + ".pub: " + e.getMessage(), e);
        }
    }

    private static String parent(String file) {
        return file.substring(0, file.lastIndexOf('/'));
    }
}
