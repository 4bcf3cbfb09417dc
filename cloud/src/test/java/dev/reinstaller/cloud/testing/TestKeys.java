package dev.reinstaller.cloud.testing;

import dev.reinstaller.protocol.SshHostKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** ed25519 keys written in OpenSSH format, made by the agent's own generator (what the ramdisk gets). */
public final class TestKeys {
    private TestKeys() {}

    /** Generates a key and writes its private file to {@code file}; returns it (public line inside). */
    public static SshHostKey write(Path file, String comment) {
        SshHostKey key = SshHostKey.generate(comment, new SecureRandom());
        try {
            Files.write(file, key.privateKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }
}
