package dev.reinstaller.installer.params;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the original system's {@code diskToFormat} ({@code /dev/sda} or a {@code /dev/disk/by-id/}
 * link) into a kernel disk name. A by-id link resolves only where udev made it; without it the legacy
 * install is refused rather than guessed.
 */
final class LegacyDisk {
    private LegacyDisk() {}

    static String kernelName(InstallerPaths paths, String diskToFormat) {
        if (diskToFormat.matches("/dev/[a-z][a-z0-9]{1,31}")) {
            return diskToFormat.substring("/dev/".length());
        }
        if (diskToFormat.startsWith("/dev/disk/by-id/")) {
            Path link = paths.resolve(diskToFormat);
            try {
                if (Files.isSymbolicLink(link)) {
                    Path target = Files.readSymbolicLink(link).getFileName();
                    if (target != null && target.toString().matches("[a-z][a-z0-9]{1,31}")) {
                        return target.toString();
                    }
                }
            } catch (IOException e) {
                throw InstallerException.refused("cannot resolve legacy disk " + diskToFormat + ": " + e.getMessage());
            }
        }
        throw InstallerException.refused("legacy runtime info names disk " + diskToFormat
                + ", which does not resolve to a whole disk here (no such udev link)");
    }
}
