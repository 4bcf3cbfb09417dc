package dev.reinstaller.installer.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small sysfs and procfs attributes; a missing, empty or unreadable attribute is absent, not an
 * error.
 */
final class SysFiles {
    private SysFiles() {}

    /** The attribute's text without surrounding whitespace, or empty when absent or blank. */
    static Optional<String> text(Path file) {
        return bytes(file)
                .map(b -> new String(b, StandardCharsets.UTF_8).strip())
                .filter(s -> !s.isEmpty());
    }

    static Optional<byte[]> bytes(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            // An attribute that refuses a read has no value on this device: wwid of a SCSI disk whose
            // VPD page 0x83 names no designator (QEMU's scsi-hd, so Hetzner's disk) fails with EINVAL.
            return Optional.empty();
        }
    }

    /** The name a symbolic link points to (its last element), such as a driver's name. */
    static Optional<String> linkName(Path link) {
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
}
