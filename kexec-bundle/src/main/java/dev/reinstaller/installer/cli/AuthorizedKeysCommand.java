package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.BootDecoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.InfoSource;
import dev.reinstaller.protocol.Quoted;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code authorized-keys}: writes root's SSH keys from runtime info, for the ramdisk's sshd, before the
 * installer runs. Runtime info is found where the kernel parameters say: on the command line, or in
 * the appended cpio (already moved into {@code /run/reinstaller-secrets}, or still in
 * {@code /reinstaller/}). With runtime info from the metadata service (known only once the installer
 * discovers it), or parameters the installer will refuse, the file is written empty and stderr says
 * why: judging the parameters is the installer's job, and a failure here would keep the installer
 * (which reports and reboots) from starting.
 */
final class AuthorizedKeysCommand {
    static final Set<String> OPTIONS = Set.of("--output", "--root");
    static final String USAGE = """
            Usage: reinstaller-installer authorized-keys --output FILE [--root DIR]
            Write root's SSH public keys from runtime info to FILE (mode 0600), one per line.
            Exits 0 when FILE was written, even empty (stderr says why); 1 when it could not be.
                  --output FILE   Where the keys go.
                  --root DIR      Root holding proc, run and the cpio's directory (default: /).
            """;

    static final String INFO_FILE = "runtime-info.json";

    private final PrintWriter out;
    private final PrintWriter err;

    AuthorizedKeysCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** The keys, or why there are none. */
    sealed interface Found {
        record Keys(List<String> lines, String origin) implements Found {}

        record None(String reason) implements Found {}
    }

    /** Writes the keys to {@code --output}; returns the exit code. */
    int run(CommandArgs args) {
        if (args.text("--output").isEmpty()) {
            throw new UsageException("missing required option '--output'");
        }
        Path output = args.path("--output", "");
        Path directory = output.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            err.println("reinstaller-installer: --output " + Quoted.of(output.toString()) + ": the directory "
                    + Quoted.of(String.valueOf(directory)) + " does not exist; make it first (mode 0700 for ~/.ssh)");
            return ExitCode.BAD_INPUT.code();
        }
        Path root = args.path("--root", "/");
        Found found = find(new InstallerPaths(root));
        List<String> lines = switch (found) {
            case Found.Keys keys -> keys.lines();
            case Found.None none -> List.of();
        };
        try {
            write(output, lines);
        } catch (IOException e) {
            err.println("reinstaller-installer: cannot write " + output + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        }
        switch (found) {
            case Found.Keys keys ->
                out.println("wrote " + lines.size() + " key(s) from runtime info (" + keys.origin() + ") to " + output);
            case Found.None none ->
                err.println("reinstaller-installer: wrote no keys to " + output + ": " + none.reason());
        }
        return ExitCode.OK.code();
    }

    static Found find(InstallerPaths paths) {
        String cmdline;
        try {
            cmdline = Files.readString(paths.proc().resolve("cmdline"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Found.None("cannot read /proc/cmdline: " + e.getMessage());
        }
        return switch (BootDecoder.decode(cmdline)) {
            case Result.Ok<BootParameters> ok -> from(ok.value().source(), paths);
            case Result.Error<BootParameters> error ->
                new Found.None("the kernel parameters are unusable (the installer will say so): "
                        + error.error().message());
        };
    }

    private static Found from(InfoSource source, InstallerPaths paths) {
        return switch (source) {
            case InfoSource.Inline inline -> new Found.Keys(inline.info().authorizedKeys(), BootParameters.INFO);
            case InfoSource.InCpio cpio -> fromCpio(cpio.crc(), paths);
            case InfoSource.Metadata metadata ->
                new Found.None("runtime info comes from the metadata service (" + metadata.url()
                        + ") once the installer runs");
            case InfoSource.Legacy legacy ->
                new Found.Keys(
                        legacy.info().rootAuthorizedKeys().stream()
                                .filter(RuntimeInfo::isKeyLine)
                                .toList(),
                        BootParameters.LEGACY_INFO);
        };
    }

    /** From the secrets directory, where the cpio's files are moved first, else still from the cpio's. */
    private static Found fromCpio(String crc, InstallerPaths paths) {
        for (Path file :
                List.of(paths.secrets().resolve(INFO_FILE), paths.cpioDir().resolve(INFO_FILE))) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            byte[] json;
            try {
                json = Files.readAllBytes(file);
            } catch (IOException e) {
                return new Found.None("cannot read " + file + ": " + e.getMessage());
            }
            return switch (InfoCodec.decodeJson(json, crc, BootParameters.CPIO_INFO)) {
                case Result.Ok<RuntimeInfo> ok -> new Found.Keys(ok.value().authorizedKeys(), BootParameters.CPIO_INFO);
                case Result.Error<RuntimeInfo> error ->
                    new Found.None("the runtime info in the cpio is unusable (the installer will say so): "
                            + error.error().message());
            };
        }
        return new Found.None("reinstaller.info=cpio, but neither " + InstallerPaths.SECRETS + " nor "
                + InstallerPaths.CPIO_DIR + " holds " + INFO_FILE);
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(
                dir,
                ".authorized_keys",
                ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
