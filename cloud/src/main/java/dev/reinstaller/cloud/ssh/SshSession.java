package dev.reinstaller.cloud.ssh;

import java.nio.file.Path;
import java.time.Duration;

/** An authenticated SSH session. */
public interface SshSession extends AutoCloseable {

    /** The host key the server presented, as an OpenSSH public key line. */
    String hostKey();

    /**
     * Runs {@code command}, writes {@code stdin} to it and closes its input. Secrets travel this way,
     * never in the command line or the environment.
     *
     * @return how it ended; {@link ExecResult.Disconnected} when the connection dropped first
     * @throws SshException {@link SshException.Kind#TIMEOUT} when it runs past {@code deadline}
     */
    ExecResult exec(String command, byte[] stdin, Duration deadline);

    /**
     * Makes {@code remoteDir} hold the files under {@code local} (a file or a directory tree), sending
     * only files whose SHA-256 on the remote side ({@code sha256sum}) differs. Executable bits are kept.
     */
    SyncReport sync(Path local, String remoteDir, Duration deadline);

    /** Forwards a local port on 127.0.0.1 to {@code host:port} as seen from the server. */
    Tunnel forward(String host, int port);

    /** Whether the connection is still up. */
    boolean isOpen();

    @Override
    void close();
}
