package dev.reinstaller.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ed25519 SSH host key generated in memory for the ramdisk, so the operator can pin the ramdisk's
 * host key before it boots. The private half travels only in the secrets cpio.
 *
 * @param privateKeyFile the key in OpenSSH's private key format (unencrypted; mode 0400 in the cpio)
 * @param publicKeyLine {@code ssh-ed25519 AAAA... comment}
 * @param fingerprint {@code SHA256:...} as {@code ssh-keygen -l} prints it
 */
public record SshHostKey(byte[] privateKeyFile, String publicKeyLine, String fingerprint) {
    private static final String TYPE = "ssh-ed25519";
    private static final int RAW = 32;

    public static SshHostKey generate(String comment, SecureRandom random) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate ed25519 keys", e);
        }
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] publicKey = Arrays.copyOfRange(x509, x509.length - RAW, x509.length);
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - RAW, pkcs8.length);
        try {
            byte[] blob = publicBlob(publicKey);
            String line = TYPE + " " + Base64.getEncoder().encodeToString(blob) + " " + comment;
            return new SshHostKey(privateFile(publicKey, seed, blob, comment, random), line, fingerprint(blob));
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    public static String fingerprint(byte[] publicBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicBlob(byte[] publicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        string(out, TYPE.getBytes(StandardCharsets.US_ASCII));
        string(out, publicKey);
        return out.toByteArray();
    }

    private static byte[] privateFile(byte[] publicKey, byte[] seed, byte[] blob, String comment, SecureRandom random) {
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        int check = random.nextInt();
        uint32(secret, check);
        uint32(secret, check);
        string(secret, TYPE.getBytes(StandardCharsets.US_ASCII));
        string(secret, publicKey);
        byte[] both = new byte[2 * RAW];
        System.arraycopy(seed, 0, both, 0, RAW);
        System.arraycopy(publicKey, 0, both, RAW, RAW);
        string(secret, both);
        Arrays.fill(both, (byte) 0);
        string(secret, comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; secret.size() % 8 != 0; pad++) {
            secret.write(pad);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        string(file, "none".getBytes(StandardCharsets.US_ASCII));
        string(file, "none".getBytes(StandardCharsets.US_ASCII));
        string(file, new byte[0]);
        uint32(file, 1);
        string(file, blob);
        byte[] section = secret.toByteArray();
        string(file, section);
        Arrays.fill(section, (byte) 0);
        String body = Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(file.toByteArray());
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }

    private static void string(ByteArrayOutputStream out, byte[] value) {
        uint32(out, value.length);
        out.writeBytes(value);
    }

    private static void uint32(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "SshHostKey[" + fingerprint + "]";
    }
}
