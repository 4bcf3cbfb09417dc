package dev.reinstaller.installer.hardware;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.Firmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's architecture ({@code /proc/sys/kernel/arch}) and firmware ({@code /sys/firmware/efi}). */
public final class Platform {
    private Platform() {}

    /** The architecture the kernel reports, else the JVM's; refused when neither is served. */
    public static Architecture architecture(InstallerPaths paths) {
        Path file = paths.resolve("/proc/sys/kernel/arch");
        String uname = System.getProperty("os.arch");
        if (Files.isRegularFile(file)) {
            try {
                uname = Files.readString(file).strip();
            } catch (IOException e) {
                throw new InstallerException(
                        InstallerException.Category.PERMANENT,
                        "cannot read /proc/sys/kernel/arch: " + e.getMessage(),
                        e);
            }
        }
        Architecture arch = Architecture.fromUname(uname);
        if (arch == null) {
            throw InstallerException.refused("architecture '" + uname + "' is not supported (x86_64, aarch64)");
        }
        return arch;
    }

    /** EFI when the kernel booted through EFI, else BIOS. */
    public static Firmware firmware(InstallerPaths paths) {
        return Files.isDirectory(paths.resolve("/sys/firmware/efi")) ? Firmware.EFI : Firmware.BIOS;
    }
}
