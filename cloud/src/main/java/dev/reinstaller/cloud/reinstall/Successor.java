package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;

/**
 * Connects to a system that replaces another at the same address (the ramdisk after the old host, the
 * installed host after the ramdisk), pinned to the new system's key. Until the deadline, an unreachable
 * or dropped connection is tried again, and so is the previous system's key while it still answers;
 * any other key, a refused login or an I/O failure ends the wait with its error.
 *
 * @param connect the deadline of one connection attempt
 */
record Successor(Ssh ssh, Waiter waiter, Duration connect) {

    /**
     * @param what the wait, for the timeout message ("reach the ramdisk of web-1 (…) by SSH")
     * @param previousKey the public key of the system being replaced
     * @param stillAnswers what to say while the previous key answers ("the old system still answers")
     */
    SshSession connect(
            String what,
            SshTarget target,
            HostKeyPolicy pinned,
            String previousKey,
            String stillAnswers,
            Duration deadline) {
        String previousBlob = KnownHosts.typeAndBlob(previousKey);
        return waiter.until(what, deadline, RamdiskPhase.RECONNECT, () -> {
            try {
                return Poll.done(ssh.connect(target, pinned, connect));
            } catch (SshException e) {
                return switch (e.kind()) {
                    case UNREACHABLE, TIMEOUT, DISCONNECTED -> Poll.again(e.getMessage());
                    case HOST_KEY -> {
                        if (e.presentedKey()
                                .map(KnownHosts::typeAndBlob)
                                .filter(previousBlob::equals)
                                .isPresent()) {
                            yield Poll.again(stillAnswers);
                        }
                        throw e;
                    }
                    case AUTH, IO -> throw e;
                };
            }
        });
    }
}
