package dev.reinstaller.agent.bundle;

import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kexec bundle on disk: a directory with {@code manifest.json} and the files it lists (kernel,
 * initrd, optionally a {@code kexec} binary). Files the manifest does not list are ignored.
 *
 * @param dir the bundle directory
 * @param manifest its parsed manifest
 */
public record Bundle(Path dir, BundleManifest manifest) {
    /** Name of an optional static {@code kexec} binary shipped in the bundle, used only as a fallback. */
    public static final String KEXEC_BINARY = "kexec";

    private static final int BUFFER = 1 << 16;

    public Bundle {
        if (dir == null || manifest == null) {
            throw new IllegalArgumentException("a bundle needs a directory and a manifest");
        }
    }

    /**
     * Reads {@code dir/manifest.json}.
     *
     * @throws BundleException naming the manifest when it is missing, unreadable or invalid
     */
    public static Bundle open(Path dir) {
        Path file = dir.resolve(BundleManifest.FILE_NAME);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(file + " does not exist: is " + dir + " a kexec bundle?", e);
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return switch (BundleManifest.read(json)) {
            case Result.Ok<BundleManifest> ok -> new Bundle(dir, ok.value());
            case Result.Error<BundleManifest> error ->
                throw new BundleException(file + " is invalid: " + error.error().message());
        };
    }

    public Path kernelPath() {
        return dir.resolve(manifest.kernel());
    }

    public Path initrdPath() {
        return dir.resolve(manifest.initrd());
    }

    /** The bundle's {@code kexec} binary, when the manifest lists one. */
    public Optional<Path> kexecBinary() {
        return manifest.files().containsKey(KEXEC_BINARY) ? Optional.of(dir.resolve(KEXEC_BINARY)) : Optional.empty();
    }

    /**
     * Checks every file the manifest lists: present, the recorded size, the recorded SHA-256. Hashes
     * are computed while streaming, so a large initrd is never held in memory. A file whose size is
     * already wrong is not hashed.
     */
    public List<FileCheck> verify() {
        List<FileCheck> results = new ArrayList<>();
        for (Map.Entry<String, BundleManifest.BundleFile> entry :
                manifest.files().entrySet()) {
            results.add(verify(entry.getKey(), entry.getValue()));
        }
        return List.copyOf(results);
    }

    private FileCheck verify(String name, BundleManifest.BundleFile expected) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return new FileCheck.Missing(name, file);
        }
        try {
            long size = Files.size(file);
            if (size != expected.size()) {
                return new FileCheck.WrongSize(name, expected.size(), size);
            }
            String actual = sha256(file);
            if (!actual.equals(expected.sha256())) {
                return new FileCheck.WrongHash(name, expected.sha256(), actual);
            }
            return new FileCheck.Intact(name, size);
        } catch (IOException e) {
            return new FileCheck.Unreadable(name, file + ": " + e.getMessage());
        }
    }

    /** The lowercase hex SHA-256 of a file, read in 64 KiB blocks. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
