package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way anything in the installer writes to a disk: disk-writing commands ({@code wipefs},
 * {@code sgdisk}, {@code mkfs.*}, {@code zpool create}, {@code zfs create}, {@code mount}...), raw
 * bytes to a {@code /dev} node, and files into the mounted new system under {@code /mnt}. Phases receive a {@link GatedDiskWriter} that the phase runner opens
 * only after {@code confirm} passed, so a test that records this interface proves that nothing was
 * written before the point of no return. Commands that import or activate on-disk state are refused
 * here as well.
 */
public interface DiskWriter {

    /**
     * Runs a disk-writing command and waits at most {@code timeout}.
     *
     * @return the result; a non-zero exit is returned, not thrown (see {@link ProcessResult#orThrow})
     * @throws InstallerException when the command cannot run, runs too long, or is refused
     */
    ProcessResult run(List<String> argv, Duration timeout);

    /**
     * Runs a long disk-writing command ({@code nixos-install}), handing each output line to
     * {@code lines} as it comes (see {@link Processes#stream}).
     *
     * @return the exit code; a non-zero exit is returned, not thrown
     * @throws InstallerException when the command cannot run, runs too long, or is refused
     */
    int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines);

    /**
     * Writes {@code bytes} at {@code offset} into an existing device node such as {@code /dev/sda}
     * (an absolute ramdisk path) and flushes them to the device.
     */
    void write(String devicePath, long offset, byte[] bytes);

    /**
     * Writes a whole file into the mounted new system ({@code /mnt/...}, an absolute ramdisk path),
     * creating its directories, replacing an existing file, mode 0644 unless {@code privateFile}
     * (0600). Never for a secret that must not persist.
     */
    void writeFile(String path, byte[] content, boolean privateFile);
}
