package dev.reinstaller.cloud.ssh.mina;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshTarget;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Verifies host keys for every session of the client, by the policy each connection carries in its
 * context. Records what it saw and, on refusal, why, so the caller can say it clearly instead of the
 * library's "server key did not validate".
 */
final class HostKeyCheck implements ServerKeyVerifier {
    static final AttributeRepository.AttributeKey<Verification> KEY = new AttributeRepository.AttributeKey<>();

    /** One connection's policy and what the check found. */
    static final class Verification {
        final SshTarget target;
        final HostKeyPolicy policy;
        volatile String presented;
        volatile String refusal;

        Verification(SshTarget target, HostKeyPolicy policy) {
            this.target = target;
            this.policy = policy;
        }
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        Verification v = session.getConnectionContext() == null
                ? null
                : session.getConnectionContext().getAttribute(KEY);
        if (v == null) {
            return false;
        }
        String line = PublicKeyEntry.toString(serverKey);
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        v.presented = line;
        String refusal = switch (v.policy) {
            case HostKeyPolicy.Pinned pinned -> pinned(pinned, line, fingerprint, v.target);
            case HostKeyPolicy.KnownHostsFile file -> knownHosts(file, line, fingerprint, v.target);
            case HostKeyPolicy.FirstUse first -> firstUse(first, line, fingerprint, v.target);
        };
        v.refusal = refusal;
        return refusal == null;
    }

    private static String pinned(HostKeyPolicy.Pinned pinned, String line, String fingerprint, SshTarget target) {
        Optional<String> key = KnownHosts.keyOf(pinned.key());
        boolean match = key.map(k -> k.equals(KnownHosts.typeAndBlob(line)))
                .orElse(pinned.key().strip().equals(fingerprint));
        if (!match) {
            return "host key of " + target.describe() + " is " + fingerprint + ", not the pinned "
                    + key.map(KnownHosts::fingerprint).orElse(pinned.key().strip())
                    + "; refusing to connect (another machine answers at this address)";
        }
        pinned.record().ifPresent(file -> {
            if (!KnownHosts.keysFor(file, target.host(), target.port()).contains(KnownHosts.typeAndBlob(line))) {
                KnownHosts.add(file, target.host(), target.port(), line);
            }
        });
        return null;
    }

    private static String firstUse(HostKeyPolicy.FirstUse first, String line, String fingerprint, SshTarget target) {
        String presented = KnownHosts.typeAndBlob(line);
        boolean known = first.notThese().stream().map(KnownHosts::typeAndBlob).anyMatch(presented::equals);
        return known
                ? "host key of " + target.describe() + " is " + fingerprint + ", a key of the system that answered"
                        + " there before, not a new one; waiting for the rescue system"
                : null;
    }

    private static String knownHosts(
            HostKeyPolicy.KnownHostsFile file, String line, String fingerprint, SshTarget target) {
        List<String> known = KnownHosts.keysFor(file.file(), target.host(), target.port());
        if (known.contains(KnownHosts.typeAndBlob(line))) {
            return null;
        }
        if (!known.isEmpty()) {
            return "host key of " + target.describe() + " changed: " + file.file() + " has "
                    + known.stream().map(KnownHosts::fingerprint).toList() + ", the server presented " + fingerprint
                    + "; if the host was reinstalled, remove its entry (ssh-keygen -f " + file.file() + " -R '"
                    + KnownHosts.pattern(target.host(), target.port()) + "')";
        }
        if (!file.trustFirstUse()) {
            return "host key of " + target.describe() + " (" + fingerprint + ") is not in " + file.file()
                    + "; add it (ssh-keyscan, checked out of band) or pass --trust-first-use";
        }
        KnownHosts.add(file.file(), target.host(), target.port(), line);
        return null;
    }
}
