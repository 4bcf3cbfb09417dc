package dev.reinstaller.hostinfo;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The machine's DMI identity as the running kernel reports it under {@code /sys/class/dmi/id}, read
 * the same way by the agent (for the runtime info and the confirmation token) and by the installer
 * (to check it is on that machine). Any field may be null where firmware gives none (a container, a
 * VM without SMBIOS) or gives a placeholder ("To be filled by O.E.M.") or control characters; the
 * UUID is lowercased, as runtime info stores it.
 */
public record DmiIdentity(String serial, String uuid, String vendor, String product) {
    private static final String DIR = "/sys/class/dmi/id/";
    private static final Set<String> PLACEHOLDERS = Set.of(
            "none",
            "not specified",
            "not applicable",
            "not available",
            "to be filled by o.e.m.",
            "default string",
            "system serial number",
            "0",
            "0123456789");

    public static DmiIdentity read(HostFiles files) {
        return new DmiIdentity(
                field(files, "product_serial").orElse(null),
                field(files, "product_uuid")
                        .map(u -> u.toLowerCase(Locale.ROOT))
                        .orElse(null),
                field(files, "sys_vendor").orElse(null),
                field(files, "product_name").orElse(null));
    }

    private static Optional<String> field(HostFiles files, String name) {
        return files.value(DIR + name)
                .filter(v -> v.chars().noneMatch(c -> c < 0x20 || c == 0x7f))
                .filter(v -> !PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)));
    }

    public boolean isHetzner() {
        return vendor != null && vendor.equalsIgnoreCase("Hetzner");
    }
}
