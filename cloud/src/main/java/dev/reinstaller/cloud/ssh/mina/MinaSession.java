package dev.reinstaller.cloud.ssh.mina;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.ssh.Tunnel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/** One authenticated MINA session. */
final class MinaSession implements SshSession {
    private final ClientSession session;
    private final SshTarget target;
    private final String hostKey;

    MinaSession(ClientSession session, SshTarget target, String hostKey) {
        this.session = session;
        this.target = target;
        this.hostKey = hostKey;
    }

    @Override
    public String hostKey() {
        return hostKey;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration deadline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String what = "run `" + firstWord(command) + "` on " + target.describe();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(deadline);
            try (OutputStream in = channel.getInvertedIn()) {
                in.write(stdin);
                in.flush();
            } catch (IOException e) {
                // The command may exit (or the host go away) before it reads its input: judged below.
            }
            Set<ClientChannelEvent> events =
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), deadline);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new SshException(
                        SshException.Kind.TIMEOUT, what + ": still running after " + deadline.toSeconds() + " s", null);
            }
            Integer status = channel.getExitStatus();
            if (status == null && events.contains(ClientChannelEvent.EXIT_STATUS)) {
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
                status = channel.getExitStatus();
            }
            if (status == null) {
                return new ExecResult.Disconnected(text(out), text(err));
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
            return new ExecResult.Exited(status, text(out), text(err));
        } catch (SshException e) {
            throw e;
        } catch (IOException e) {
            if (!session.isOpen()) {
                return new ExecResult.Disconnected(text(out), text(err));
            }
            throw new SshException(SshException.Kind.IO, what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SyncReport sync(Path local, String remoteDir, Duration deadline) {
        return new RemoteSync(this, session, target).sync(local, remoteDir, deadline);
    }

    @Override
    public Tunnel forward(String host, int port) {
        try {
            SshdSocketAddress bound = session.startLocalPortForwarding(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port));
            return new Tunnel() {
                @Override
                public int localPort() {
                    return bound.getPort();
                }

                @Override
                public void close() {
                    try {
                        session.stopLocalPortForwarding(bound);
                    } catch (IOException e) {
                        // The session is going away anyway.
                    }
                }
            };
        } catch (IOException e) {
            throw new SshException(
                    SshException.Kind.IO,
                    "forward a local port to " + host + ":" + port + " through " + target.describe() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close(false).awaitUninterruptibly(Duration.ofSeconds(5));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String firstWord(String command) {
        String[] words = command.strip().split("\\s+", 3);
        return words.length > 1 && !words[1].startsWith("-") ? words[0] + " " + words[1] : words[0];
    }
}
