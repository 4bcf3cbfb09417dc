package dev.reinstaller.installer.hardware;

import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Physical NICs from {@code /sys/class/net}: those with a {@code device} (bridges, veth, lo have none). */
public final class NetDevices {
    private static final String NET = "/sys/class/net/";

    private final HostFiles files;

    public NetDevices(InstallerPaths paths) {
        this.files = paths.files();
    }

    public List<LiveNic> physical() {
        try {
            return files.list(NET).stream()
                    .filter(name -> files.exists(NET + name + "/device"))
                    .map(this::nic)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (UncheckedIOException e) {
            throw new InstallerException(InstallerException.Category.TRANSIENT, e.getMessage(), e);
        }
    }

    private Optional<LiveNic> nic(String name) {
        return files.value(NET + name + "/address")
                .map(mac -> new LiveNic(
                        name,
                        mac.toLowerCase(Locale.ROOT),
                        files.linkName(NET + name + "/device/driver").orElse(null)));
    }
}
