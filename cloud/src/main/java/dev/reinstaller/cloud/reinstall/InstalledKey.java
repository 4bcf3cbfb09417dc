package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.cloud.ssh.KnownHosts;
import java.util.Optional;

/**
 * A host key of the installed system as the installer's {@code host-keys} event reports it.
 *
 * @param purpose {@code ssh} (the installed host, port 22) or {@code initrd} (the unlock SSH server, port 2222)
 * @param type key type, e.g. {@code ssh-ed25519}
 * @param sha256 OpenSSH {@code SHA256:} fingerprint
 * @param publicKey {@code type base64} when the installer sent it and it matches {@code sha256}; empty
 *     otherwise (an older installer), in which case only the fingerprint is known
 */
public record InstalledKey(String purpose, String type, String sha256, Optional<String> publicKey) {
    public static final String SSH = "ssh";
    public static final String INITRD = "initrd";

    public InstalledKey {
        if (purpose == null || type == null || sha256 == null || publicKey == null) {
            throw new IllegalArgumentException("an installed key needs a purpose, a type and a fingerprint");
        }
    }

    /** One entry of the event's {@code keys}; a public key whose fingerprint differs is dropped. */
    static InstalledKey of(JsonNode key) {
        String sha256 = key.path("sha256").asText("");
        Optional<String> line = Optional.of(key.path("publicKey").asText(""))
                .filter(s -> !s.isBlank())
                .filter(s -> matches(s, sha256));
        return new InstalledKey(key.path("purpose").asText(""), key.path("type").asText(""), sha256, line);
    }

    private static boolean matches(String line, String sha256) {
        try {
            return KnownHosts.fingerprint(line).equals(sha256);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code ssh ssh-ed25519 SHA256:...}, for messages and the summary. */
    @Override
    public String toString() {
        return purpose + " " + type + " " + sha256;
    }
}
