package dev.reinstaller.cloud.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server on 127.0.0.1:0 for tests: a host key from an OpenSSH file, one accepted client key,
 * SFTP into a root directory, local forwarding allowed, and exec answered by a {@link Handler}.
 * {@code sha256sum} over files under the root is answered here, the way coreutils would.
 */
public final class TestSshServer implements AutoCloseable {

    /** Answers an exec request. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(String command, byte[] stdin);
    }

    /**
     * What a command does.
     *
     * @param drop after writing stdout, close the connection without an exit status (as a kexec does)
     */
    public record Reply(int exit, String stdout, String stderr, boolean drop) {
        public static Reply ok(String stdout) {
            return new Reply(0, stdout, "", false);
        }
    }

    /** An exec request as the server saw it. */
    public record Seen(String command, byte[] stdin) {}

    private static final Pattern HASH_COMMAND =
            Pattern.compile("^cd '([^']*)' 2>/dev/null && sha256sum -- (.*) 2>/dev/null; true$");

    private final SshServer server;
    private final Path root;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Handler handler;

    public TestSshServer(Path hostKeyFile, String clientPublicKeyLine, Path root, Handler handler)
            throws IOException, java.security.GeneralSecurityException {
        this.root = root;
        this.handler = handler;
        PublicKey accepted =
                PublicKeyEntry.parsePublicKeyEntry(clientPublicKeyLine).resolvePublicKey(null, null, null);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new FileKeyPairProvider(hostKeyFile));
        server.setPublickeyAuthenticator(
                (user, key, session) -> user.equals("root") && KeyUtils.compareKeys(accepted, key));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.setCommandFactory((channel, command) -> new Exec(command));
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public void handler(Handler newHandler) {
        this.handler = newHandler;
    }

    /** Answers new connections with another host key (what the address shows after a kexec). */
    public void hostKey(Path hostKeyFile) {
        server.setKeyPairProvider(new FileKeyPairProvider(hostKeyFile));
    }

    public int sessions() {
        return server.getActiveSessions().size();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private Reply answer(String command, byte[] stdin) {
        Matcher hash = HASH_COMMAND.matcher(command);
        if (hash.matches()) {
            return Reply.ok(hashes(hash.group(1), hash.group(2)));
        }
        return handler.handle(command, stdin);
    }

    private String hashes(String dir, String quotedNames) {
        StringBuilder out = new StringBuilder();
        Matcher names = Pattern.compile("'([^']*)'").matcher(quotedNames);
        Path base = root.resolve(dir.replaceFirst("^/", ""));
        while (names.find()) {
            Path file = base.resolve(names.group(1));
            if (Files.isRegularFile(file)) {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                    out.append(HexFormat.of().formatHex(digest))
                            .append("  ")
                            .append(names.group(1))
                            .append('\n');
                } catch (IOException | java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out.toString();
    }

    private final class Exec implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        Exec(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            ServerSession session = channel.getServerSession();
            thread = Thread.ofVirtual().start(() -> run(channel, session));
        }

        private void run(ChannelSession channel, ServerSession session) {
            try {
                byte[] stdin = in.readAllBytes();
                seen.add(new Seen(command, stdin));
                Reply reply = answer(command, stdin);
                out.write(reply.stdout().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(reply.stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
                if (reply.drop()) {
                    session.close(false);
                } else {
                    exit.onExit(reply.exit());
                }
            } catch (IOException e) {
                if (channel.isOpen()) {
                    throw new UncheckedIOException(e);
                }
                // The client went away while the command ran: nothing to answer.
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** The lines of every exec seen, for assertions. */
    public List<String> commands() {
        List<String> commands = new ArrayList<>();
        seen.forEach(s -> commands.add(s.command()));
        return commands;
    }
}
