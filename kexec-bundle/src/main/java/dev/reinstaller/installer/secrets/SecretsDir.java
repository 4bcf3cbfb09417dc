package dev.reinstaller.installer.secrets;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code /run/reinstaller-secrets}: the root-only directory that holds what arrived in the appended
 * cpio (runtime info, disk key, the ramdisk's SSH host key) and short-lived key files for ZFS.
 *
 * <p>In the ramdisk this directory is a tmpfs mounted with mode 0700 by the first unit that runs (the
 * NixOS side's job, ordered before sshd and this service), which may already have moved the cpio's
 * files there. This class does not mount anything: it creates the directory with mode 0700 when it is
 * missing (tests, a shell), refuses one that group or others can enter, and moves whatever is still
 * in {@code /reinstaller/} into it. Files it writes are created 0600 and never replaced in place.
 */
public final class SecretsDir {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--------");

    private final InstallerPaths paths;

    public SecretsDir(InstallerPaths paths) {
        this.paths = paths;
    }

    /** The directory, created 0700 if missing; refused if others can enter it. */
    public Path ensure() {
        Path dir = paths.secrets();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw InstallerException.refused(InstallerPaths.SECRETS + " has mode "
                        + PosixFilePermissions.toString(mode) + "; it must be root-only (rwx------)");
            }
            return dir;
        } catch (IOException e) {
            throw failure("prepare " + InstallerPaths.SECRETS, e);
        }
    }

    /** Moves the files of {@code /reinstaller/} here and removes that directory; returns their names. */
    public List<String> takeCpioFiles() {
        Path dir = ensure();
        Path from = paths.cpioDir();
        if (!Files.isDirectory(from)) {
            return List.of();
        }
        List<String> moved = new ArrayList<>();
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.sorted().toList()) {
                Path target = dir.resolve(file.getFileName().toString());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, READ_ONLY);
                moved.add(file.getFileName().toString());
            }
            Files.delete(from);
        } catch (IOException e) {
            throw failure("move " + InstallerPaths.CPIO_DIR + " into " + InstallerPaths.SECRETS, e);
        }
        return List.copyOf(moved);
    }

    /** The bytes of a file here, if it exists. */
    public Optional<byte[]> read(String name) {
        Path file = ensure().resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw failure("read " + InstallerPaths.SECRETS + "/" + name, e);
        }
    }

    /**
     * Writes a new 0600 file here (never over an existing one) and returns its absolute ramdisk path,
     * as a command would name it.
     */
    public String write(String name, byte[] bytes) {
        Path file = ensure().resolve(name);
        try (SeekableByteChannel channel = Files.newByteChannel(
                file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE_MODE))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw failure("write " + InstallerPaths.SECRETS + "/" + name, e);
        }
        return InstallerPaths.SECRETS + "/" + name;
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(ensure().resolve(name));
        } catch (IOException e) {
            throw failure("delete " + InstallerPaths.SECRETS + "/" + name, e);
        }
    }

    private static InstallerException failure(String what, IOException e) {
        return new InstallerException(
                InstallerException.Category.PERMANENT, "cannot " + what + ": " + e.getMessage(), e);
    }
}
