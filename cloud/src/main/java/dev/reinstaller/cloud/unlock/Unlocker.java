package dev.reinstaller.cloud.unlock;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sends the pool passphrase to the installed system's initrd. Its sshd (port 2222) runs a forced
 * command that reads one line from standard input, loads the pool's key with it and lets the boot go
 * on; it exits 0 when unlocked (or already unlocked), 1 for a wrong passphrase, 2 when no line came,
 * 3 when the pool is not imported yet. No terminal is requested; the host key is checked by the policy
 * before anything is sent, and the passphrase travels only on the channel's standard input.
 */
public final class Unlocker {
    /** The initrd's port for the unlock SSH server. */
    public static final int PORT = 2222;

    /** The command asked for; the initrd's forced command runs instead, whatever is asked. */
    static final String COMMAND = "reinstaller-unlock";

    private final Ssh ssh;

    public Unlocker(Ssh ssh) {
        this.ssh = ssh;
    }

    /** How an unlock ended. */
    public enum Kind {
        UNLOCKED,
        WRONG_KEY,
        NOT_READY,
        FAILED
    }

    /** The outcome with the initrd's own words. */
    public record Ended(Kind kind, String message) {}

    /**
     * @param key the passphrase (one line; a trailing newline is not part of it); not kept, and the
     *     copy made here is wiped
     * @throws IllegalArgumentException when the key spans more than one line
     * @throws dev.reinstaller.cloud.ssh.SshException when the host cannot be reached or its key is refused
     */
    public Ended unlock(SshTarget target, HostKeyPolicy policy, byte[] key, Duration connect, Duration deadline) {
        byte[] line = line(key);
        try (SshSession session = ssh.connect(target, policy, connect)) {
            ExecResult result = session.exec(COMMAND, line, deadline);
            String said = (result.stdout() + "\n" + result.stderr()).strip();
            return switch (result) {
                case ExecResult.Exited exited ->
                    switch (exited.code()) {
                        case 0 -> new Ended(Kind.UNLOCKED, said);
                        case 1 -> new Ended(Kind.WRONG_KEY, said);
                        case 3 -> new Ended(Kind.NOT_READY, said);
                        default ->
                            new Ended(
                                    Kind.FAILED,
                                    "the unlock command on " + target.describe() + " exited " + exited.code() + ": "
                                            + said);
                    };
                case ExecResult.Disconnected dropped ->
                    said.contains("unlocked")
                            ? new Ended(Kind.UNLOCKED, said)
                            : new Ended(
                                    Kind.FAILED,
                                    "the connection to " + target.describe() + " dropped before the unlock ended"
                                            + (said.isEmpty() ? "" : ": " + said));
            };
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** The key without one trailing newline, then a newline: the one line the forced command reads. */
    static byte[] line(byte[] key) {
        int length = key.length;
        if (length > 0 && key[length - 1] == '\n') {
            length--;
        }
        if (length > 0 && key[length - 1] == '\r') {
            length--;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] == '\n' || key[i] == '\r') {
                throw new IllegalArgumentException("the pool passphrase spans more than one line; ZFS reads one");
            }
        }
        if (length == 0) {
            throw new IllegalArgumentException("the pool passphrase is empty");
        }
        byte[] line = Arrays.copyOf(key, length + 1);
        line[length] = '\n';
        return line;
    }
}
