package dev.reinstaller.cloud.ssh;

import java.nio.file.Path;

/**
 * How a server's host key is verified. There is no "accept anything": the nearest is {@link FirstUse},
 * used for one step only (a rescue system, whose key is new on every boot), which still refuses keys
 * known to belong to something else.
 */
public sealed interface HostKeyPolicy {

    /**
     * Check against a known_hosts file. An entry for the host and port must match. With no entry, the
     * connection is refused unless {@code trustFirstUse}, in which case the key is recorded.
     */
    record KnownHostsFile(Path file, boolean trustFirstUse) implements HostKeyPolicy {}

    /**
     * Exactly this key: an OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}) or a
     * {@code SHA256:} fingerprint. Used for the ramdisk, whose key the agent generated and printed.
     * {@code record}, when present, receives the key once it matched.
     */
    record Pinned(String key, java.util.Optional<Path> record) implements HostKeyPolicy {
        public Pinned {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("a pinned host key must not be empty");
            }
        }
    }

    /**
     * Trust on first use for one connection: any key except those in {@code notThese} (public key lines
     * of the systems that answered at this address before: the old host, the ramdisk). Nothing is
     * written to known_hosts; the caller logs the key it accepted.
     */
    record FirstUse(java.util.List<String> notThese) implements HostKeyPolicy {
        public FirstUse {
            notThese = java.util.List.copyOf(notThese);
        }
    }
}
