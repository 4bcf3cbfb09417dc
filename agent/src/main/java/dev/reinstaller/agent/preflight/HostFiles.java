package dev.reinstaller.agent.preflight;

import dev.reinstaller.agent.system.HostPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Small reads of /proc and /sys under a {@link HostPaths} root. Absent or unreadable reads as empty. */
final class HostFiles {
    private final HostPaths paths;

    HostFiles(HostPaths paths) {
        this.paths = paths;
    }

    Path path(String absolute) {
        return paths.resolve(absolute);
    }

    boolean exists(String absolute) {
        return Files.exists(path(absolute));
    }

    /** The file's text, stripped; empty when it is absent or cannot be read. */
    Optional<String> text(String absolute) {
        return bytes(absolute).map(b -> new String(b, StandardCharsets.UTF_8).strip());
    }

    Optional<byte[]> bytes(String absolute) {
        try {
            return Optional.of(Files.readAllBytes(path(absolute)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
