package dev.reinstaller.installer.keys;

import dev.reinstaller.installer.system.InstallerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * OpenSSH's {@code SHA256:} fingerprint of a public key line ({@code type base64 [comment]}): SHA-256
 * of the decoded key blob, in base64 without padding, as {@code ssh-keygen -l} prints it.
 */
final class Fingerprint {
    private Fingerprint() {}

    /** The key type, fingerprint and {@code type base64} form of one public key line. */
    record Of(String type, String sha256, String publicKey) {}

    static Of of(String publicKeyLine) {
        String[] parts = publicKeyLine.strip().split("\\s+");
        if (parts.length < 2) {
            throw InstallerException.permanent("not an OpenSSH public key line: " + publicKeyLine.strip());
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent("the public key's data is not base64: " + e.getMessage());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return new Of(
                    parts[0],
                    "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest),
                    parts[0] + " " + parts[1]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static Of of(byte[] publicKeyFile) {
        return of(new String(publicKeyFile, StandardCharsets.UTF_8));
    }
}
