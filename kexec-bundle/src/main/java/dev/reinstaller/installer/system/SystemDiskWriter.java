package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real {@link DiskWriter}: commands through the unpoliced {@link Processes}, bytes into device
 * nodes under {@link InstallerPaths}. It never creates a file: writing to a device node that does not
 * exist is an error, not a new regular file in {@code /dev}.
 */
public record SystemDiskWriter(Processes processes, InstallerPaths paths) implements DiskWriter {
    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
        refuseActivation(argv);
        return processes.run(argv, timeout);
    }

    @Override
    public int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        refuseActivation(argv);
        return processes.stream(argv, environment, timeout, lines);
    }

    private static void refuseActivation(List<String> argv) {
        if (CommandPolicy.classify(argv) == CommandPolicy.Kind.ACTIVATES) {
            throw InstallerException.refused("refused to run " + String.join(" ", argv)
                    + ": the installer never imports or activates what is on a disk");
        }
    }

    @Override
    public void writeFile(String path, byte[] content, boolean privateFile) {
        if (!path.startsWith("/mnt/") || path.contains("/../")) {
            throw new IllegalArgumentException("not a path in the new system under /mnt: " + path);
        }
        Path file = paths.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setPosixFilePermissions(
                    file, PosixFilePermissions.fromString(privateFile ? "rw-------" : "rw-r--r--"));
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT, "cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(String devicePath, long offset, byte[] bytes) {
        if (!devicePath.startsWith("/dev/") || offset < 0) {
            throw new IllegalArgumentException("not a device node or offset: " + devicePath + " @" + offset);
        }
        Path node = paths.resolve(devicePath);
        if (!Files.exists(node)) {
            throw InstallerException.permanent("cannot write to " + devicePath + ": it does not exist");
        }
        try (FileChannel channel = FileChannel.open(node, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT,
                    "cannot write " + bytes.length + " bytes at offset " + offset + " of " + devicePath + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
