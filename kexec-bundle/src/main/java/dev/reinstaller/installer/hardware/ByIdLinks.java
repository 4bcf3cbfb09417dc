package dev.reinstaller.installer.hardware;

import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code /dev/disk/by-id} links to a disk, where udev made them. The ramdisk may have none; callers
 * treat an absent link as normal.
 */
public final class ByIdLinks {
    private ByIdLinks() {}

    /** The first by-id link (by name, preferring non-{@code wwn-} ones) that points at {@code /dev/<name>}. */
    public static Optional<String> find(InstallerPaths paths, String name) {
        Path dir = paths.resolve("/dev/disk/by-id");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> links = Files.list(dir)) {
            return links.filter(Files::isSymbolicLink)
                    .filter(l -> pointsAt(l, name))
                    .map(l -> l.getFileName().toString())
                    .sorted(Comparator.comparing((String l) -> l.startsWith("wwn-"))
                            .thenComparing(Comparator.naturalOrder()))
                    .findFirst()
                    .map(l -> "/dev/disk/by-id/" + l);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean pointsAt(Path link, String name) {
        try {
            Path target = Files.readSymbolicLink(link).getFileName();
            return target != null && target.toString().equals(name);
        } catch (IOException e) {
            return false;
        }
    }
}
