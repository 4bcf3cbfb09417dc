package dev.reinstaller.cloud.ssh.mina;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * {@link Ssh} on Apache MINA SSHD. One client for the process; each connection carries its own
 * host-key policy. Only public-key authentication with the target's identity files.
 *
 * <p>Every session sends a keepalive request every {@link #HEARTBEAT} and closes after {@link
 * #MISSED_HEARTBEATS} of them went unanswered (OpenSSH's ServerAliveInterval and ServerAliveCountMax).
 * A host that kexecs without a shutdown (no systemd, or systemd too slow) vanishes without closing the
 * connection; without the heartbeat the install command would look like it is still running until its
 * deadline, long after the ramdisk is up.
 */
public final class MinaSsh implements Ssh, AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final int MISSED_HEARTBEATS = 3;

    private final SshClient client;

    public MinaSsh() {
        this(HEARTBEAT, MISSED_HEARTBEATS);
    }

    /** With another heartbeat (tests). */
    MinaSsh(Duration heartbeat, int missedHeartbeats) {
        client = SshClient.setUpDefaultClient();
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, heartbeat);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, missedHeartbeats);
        client.setServerKeyVerifier(new HostKeyCheck());
        client.start();
    }

    @Override
    public SshSession connect(SshTarget target, HostKeyPolicy policy, Duration deadline) {
        HostKeyCheck.Verification verification = new HostKeyCheck.Verification(target, policy);
        ClientSession session = null;
        try {
            ConnectFuture connecting = client.connect(
                    target.user(),
                    target.host(),
                    target.port(),
                    AttributeRepository.ofKeyValuePair(HostKeyCheck.KEY, verification),
                    null);
            if (!connecting.await(deadline)) {
                connecting.cancel();
                throw new SshException(
                        SshException.Kind.TIMEOUT,
                        "connect to " + target.describe() + ": no answer within " + deadline.toSeconds() + " s",
                        null);
            }
            if (connecting.getException() != null) {
                throw unreachable(target, connecting.getException());
            }
            session = connecting.getSession();
            for (Path identity : target.identities()) {
                for (KeyPair pair : loadIdentity(identity, session)) {
                    session.addPublicKeyIdentity(pair);
                }
            }
            session.auth().verify(deadline);
            return new MinaSession(session, target, verification.presented);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            if (verification.refusal != null) {
                throw new SshException(SshException.Kind.HOST_KEY, verification.refusal, e, verification.presented);
            }
            if (e instanceof SshException known) {
                throw known;
            }
            if (session != null && String.valueOf(e.getMessage()).contains("No more authentication methods")) {
                throw new SshException(
                        SshException.Kind.AUTH,
                        "log in to " + target.describe() + " as " + target.user() + ": no identity was accepted ("
                                + target.identities() + ")",
                        e);
            }
            throw unreachable(target, e);
        }
    }

    private static Iterable<KeyPair> loadIdentity(Path identity, ClientSession session) throws IOException {
        if (!Files.isReadable(identity)) {
            throw new SshException(SshException.Kind.AUTH, "cannot read SSH identity " + identity, null);
        }
        return new FileKeyPairProvider(identity).loadKeys(session);
    }

    private static SshException unreachable(SshTarget target, Throwable e) {
        return new SshException(
                SshException.Kind.UNREACHABLE, "connect to " + target.describe() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.stop();
    }
}
