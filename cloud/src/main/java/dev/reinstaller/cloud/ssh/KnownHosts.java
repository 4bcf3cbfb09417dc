package dev.reinstaller.cloud.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A known_hosts file in OpenSSH's plain format: {@code host keytype base64} for port 22,
 * {@code [host]:port keytype base64} otherwise. Hashed and marker entries are left alone (they never
 * match). Keys are compared by type and base64 blob. Writes from the threads of one process (a fleet
 * shares one file) are serialized; a replacement goes through a temporary file and a rename.
 */
public final class KnownHosts {
    private static final Object WRITING = new Object();

    private KnownHosts() {}

    /** The OpenSSH host pattern for a host and port. */
    public static String pattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** The keys recorded for {@code host:port}, as {@code type base64}. */
    public static List<String> keysFor(Path file, String host, int port) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String wanted = pattern(host, port);
        List<String> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 3
                        || fields[0].startsWith("#")
                        || fields[0].startsWith("|")
                        || fields[0].startsWith("@")) {
                    continue;
                }
                for (String p : fields[0].split(",")) {
                    if (p.equals(wanted)) {
                        keys.add(fields[1] + " " + fields[2]);
                    }
                }
            }
        } catch (IOException e) {
            throw new SshException(SshException.Kind.IO, "cannot read known hosts " + file + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Appends an entry (creating the file, mode as the umask gives it). */
    public static void add(Path file, String host, int port, String keyLine) {
        String entry = pattern(host, port) + " " + typeAndBlob(keyLine) + "\n";
        synchronized (WRITING) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(
                        file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new SshException(
                        SshException.Kind.IO, "cannot write known hosts " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Makes {@code keyLine} the only key recorded for {@code host:port}: other entries naming exactly
     * that host pattern lose it (a line naming only it goes), every other line stays as it was.
     */
    public static void replace(Path file, String host, int port, String keyLine) {
        String wanted = pattern(host, port);
        synchronized (WRITING) {
            try {
                List<String> kept = new ArrayList<>();
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        kept.addAll(without(line, wanted));
                    }
                } else if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                kept.add(wanted + " " + typeAndBlob(keyLine));
                Path temporary = file.resolveSibling(file.getFileName() + ".new");
                Files.write(temporary, kept, StandardCharsets.UTF_8);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new SshException(
                        SshException.Kind.IO, "cannot rewrite known hosts " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<String> without(String line, String pattern) {
        String[] fields = line.strip().split("\\s+", 2);
        if (fields.length < 2 || fields[0].startsWith("#") || fields[0].startsWith("|") || fields[0].startsWith("@")) {
            return List.of(line);
        }
        List<String> patterns = new ArrayList<>(List.of(fields[0].split(",")));
        if (!patterns.remove(pattern)) {
            return List.of(line);
        }
        return patterns.isEmpty() ? List.of() : List.of(String.join(",", patterns) + " " + fields[1]);
    }

    /** {@code type base64} of a public key line, without its comment. */
    public static String typeAndBlob(String keyLine) {
        String[] fields = keyLine.strip().split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + keyLine);
        }
        return fields[0] + " " + fields[1];
    }

    /** The OpenSSH {@code SHA256:} fingerprint of a public key line (of its base64 blob). */
    public static String fingerprint(String keyLine) {
        try {
            byte[] blob =
                    java.util.Base64.getDecoder().decode(typeAndBlob(keyLine).split(" ")[1]);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** The comment-free key when {@code key} is a key line, empty when it is a fingerprint. */
    public static Optional<String> keyOf(String key) {
        return key.strip().startsWith("SHA256:") ? Optional.empty() : Optional.of(typeAndBlob(key));
    }
}
