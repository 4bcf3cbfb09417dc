package dev.reinstaller.cloud.ssh;

import java.time.Duration;

/** Opens SSH sessions. One implementation per SSH library, in its own package. */
public interface Ssh {

    /**
     * Connects and authenticates with the target's identities, verifying the host key by
     * {@code policy} before anything is sent.
     *
     * @throws SshException with {@link SshException.Kind#UNREACHABLE}, {@link SshException.Kind#AUTH},
     *     {@link SshException.Kind#HOST_KEY} or {@link SshException.Kind#TIMEOUT}
     */
    SshSession connect(SshTarget target, HostKeyPolicy policy, Duration deadline);
}
