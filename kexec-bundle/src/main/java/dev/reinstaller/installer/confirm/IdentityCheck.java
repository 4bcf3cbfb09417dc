package dev.reinstaller.installer.confirm;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.installer.hardware.BlockDevices;
import dev.reinstaller.installer.hardware.LiveDisk;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.protocol.Disk;
import dev.reinstaller.protocol.Machine;
import dev.reinstaller.protocol.RuntimeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares runtime info with this machine, exactly: DMI serial and UUID, and the target disk's serial,
 * WWN and size from sysfs. A value runtime info does not name is not compared (the confirmation token
 * still binds what it does name); a value it names must be equal. WWNs compare without their notation
 * prefix ({@code naa.}, {@code eui.}, {@code 0x}), since lsblk and sysfs write the same WWN differently.
 * Every mismatch is reported at once.
 */
final class IdentityCheck {
    private IdentityCheck() {}

    /** The live disk, or a refusal listing every difference. */
    static LiveDisk check(RuntimeInfo info, DmiIdentity dmi, BlockDevices disks) {
        List<String> mismatches = new ArrayList<>();
        Machine machine = info.machine();
        compare(mismatches, "machine serial", machine.serial(), dmi.serial(), "DMI");
        compare(mismatches, "machine UUID", machine.uuid(), dmi.uuid(), "DMI");
        Disk expected = info.targetDisk();
        Optional<LiveDisk> found = disks.disk(expected.name());
        if (found.isEmpty()) {
            mismatches.add("disk " + expected.name() + " is not in /sys/block (disks here: "
                    + String.join(", ", disks.names()) + ")");
        } else {
            LiveDisk live = found.get();
            String what = "disk " + expected.name();
            compare(mismatches, what + " serial", expected.serial(), live.serial(), "sysfs");
            if (expected.wwn() != null && !Objects.equals(normalWwn(expected.wwn()), normalWwn(live.wwid()))) {
                mismatches.add(
                        what + " WWN: runtime info says '" + expected.wwn() + "', sysfs says " + quoted(live.wwid()));
            }
            if (expected.sizeBytes() != live.sizeBytes()) {
                mismatches.add(what + " size: runtime info says " + expected.sizeBytes() + " bytes, sysfs says "
                        + live.sizeBytes() + " bytes");
            }
        }
        if (!mismatches.isEmpty()) {
            throw InstallerException.refused(
                    "this is not the machine or disk the runtime info describes: " + String.join("; ", mismatches));
        }
        return found.orElseThrow();
    }

    private static void compare(List<String> mismatches, String what, String expected, String actual, String where) {
        if (expected != null && !expected.equals(actual)) {
            mismatches.add(what + ": runtime info says '" + expected + "', " + where + " says " + quoted(actual));
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    static String normalWwn(String wwn) {
        if (wwn == null) {
            return null;
        }
        String w = wwn.strip().toLowerCase(Locale.ROOT);
        for (String prefix : List.of("naa.", "eui.", "0x")) {
            if (w.startsWith(prefix)) {
                return w.substring(prefix.length());
            }
        }
        return w;
    }
}
