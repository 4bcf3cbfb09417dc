package dev.reinstaller.installer.hardware;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Physical NICs from {@code /sys/class/net}: those with a {@code device} (bridges, veth, lo have none). */
public final class NetDevices {
    private final InstallerPaths paths;

    public NetDevices(InstallerPaths paths) {
        this.paths = paths;
    }

    public List<LiveNic> physical() {
        Path dir = paths.resolve("/sys/class/net");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted()
                    .filter(p -> Files.exists(p.resolve("device")))
                    .map(NetDevices::nic)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<LiveNic> nic(Path dir) {
        return SysFiles.text(dir.resolve("address"))
                .map(mac -> new LiveNic(
                        dir.getFileName().toString(),
                        mac.toLowerCase(Locale.ROOT),
                        SysFiles.linkName(dir.resolve("device/driver")).orElse(null)));
    }
}
