package dev.reinstaller.installer.hardware;

import dev.reinstaller.installer.system.InstallerPaths;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's DMI identity as this kernel reports it under {@code /sys/class/dmi/id}; any field may
 * be null where firmware gives none. The UUID is lowercased, as runtime info stores it.
 */
public record DmiIdentity(String serial, String uuid, String vendor, String product) {

    public static DmiIdentity read(InstallerPaths paths) {
        Path dir = paths.resolve("/sys/class/dmi/id");
        return new DmiIdentity(
                SysFiles.text(dir.resolve("product_serial")).orElse(null),
                SysFiles.text(dir.resolve("product_uuid"))
                        .map(u -> u.toLowerCase(Locale.ROOT))
                        .orElse(null),
                SysFiles.text(dir.resolve("sys_vendor")).orElse(null),
                SysFiles.text(dir.resolve("product_name")).orElse(null));
    }

    public boolean isHetzner() {
        return vendor != null && vendor.equalsIgnoreCase("Hetzner");
    }
}
