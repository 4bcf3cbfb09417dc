package dev.reinstaller.hostinfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the host's files through {@link HostPaths}, so that tests read a fixture tree. Missing files
 * are normal on a host (no DMI in a container, no /etc/hostid), and so are sysfs attributes that
 * refuse a read; other I/O errors are not.
 */
public final class HostFiles {
    private final HostPaths paths;

    public HostFiles(HostPaths paths) {
        this.paths = paths;
    }

    public Path path(String absolute) {
        return paths.resolve(absolute);
    }

    public boolean exists(String absolute) {
        return Files.exists(path(absolute));
    }

    /** The file's content stripped of surrounding white space; empty when missing or blank. */
    public Optional<String> value(String absolute) {
        return text(absolute).map(String::strip).filter(s -> !s.isEmpty());
    }

    public Optional<String> text(String absolute) {
        return bytes(absolute).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public Optional<byte[]> bytes(String absolute) {
        Path file = path(absolute);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(file) || !Files.exists(file) || absolute.startsWith("/sys/")) {
                // A sysfs attribute that refuses to be read has no value on this device: wwid of a
                // SCSI disk whose VPD page 0x83 names no designator (QEMU's scsi-hd, so Hetzner's
                // disk) fails with EINVAL.
                return Optional.empty();
            }
            throw new UncheckedIOException("cannot read " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text, stripped, for checks that must not stop on a file they may not read (such as
     * {@code /proc/1/environ} in a container): absent and unreadable both read as empty.
     */
    public Optional<String> stripped(String absolute) {
        return readable(absolute).map(b -> new String(b, StandardCharsets.UTF_8).strip());
    }

    /** The file's bytes; absent and unreadable both read as empty. */
    public Optional<byte[]> readable(String absolute) {
        try {
            return Optional.of(Files.readAllBytes(path(absolute)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public List<String> lines(String absolute) {
        return text(absolute).map(t -> t.lines().toList()).orElse(List.of());
    }

    /** The last path element of a symbolic link's target, e.g. the driver name behind {@code driver}. */
    public Optional<String> linkName(String absolute) {
        Path link = path(absolute);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            Path target = Files.readSymbolicLink(link).getFileName();
            return Optional.ofNullable(target).map(Path::toString);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names in a directory, sorted; empty when it does not exist. */
    public List<String> list(String absolute) {
        Path dir = path(absolute);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + absolute + ": " + e.getMessage(), e);
        }
    }
}
