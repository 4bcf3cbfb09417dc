package dev.reinstaller.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Well-formed OpenSSH public key lines built from given or random key bytes, so tests carry realistic
 * key material (the fixed type prefix, then incompressible bytes) without real keys.
 */
public final class SshKeys {
    private SshKeys() {}

    /** An ed25519 key line for the 32 key bytes, with a comment unless it is null. */
    public static String ed25519(byte[] key, String comment) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an ed25519 key has 32 bytes, not " + key.length);
        }
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        string(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        string(blob, key);
        return line("ssh-ed25519", blob.toByteArray(), comment);
    }

    public static String ed25519(RandomGenerator random, String comment) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return ed25519(key, comment);
    }

    /** An RSA key line with a random modulus of {@code bits} bits and exponent 65537. */
    public static String rsa(RandomGenerator random, int bits, String comment) {
        byte[] modulus = new byte[bits / 8 + 1];
        random.nextBytes(modulus);
        modulus[0] = 0;
        modulus[1] |= (byte) 0x80;
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        string(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        string(blob, new byte[] {1, 0, 1});
        string(blob, modulus);
        return line("ssh-rsa", blob.toByteArray(), comment);
    }

    private static String line(String type, byte[] blob, String comment) {
        String base = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment == null ? base : base + " " + comment;
    }

    private static void string(ByteArrayOutputStream out, byte[] value) {
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
    }
}
