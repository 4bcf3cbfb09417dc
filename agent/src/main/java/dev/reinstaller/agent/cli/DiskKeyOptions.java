package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the disk passphrase comes from: a file, stdin, or a prompt on the terminal. Never from an
 * argument, where every user of the host could read it in /proc.
 */
final class DiskKeyOptions {
    @Option(names = "--disk-key-file", paramLabel = "FILE", description = "Read the disk passphrase from FILE.")
    Path file;

    @Option(names = "--disk-key-stdin", description = "Read the disk passphrase from standard input.")
    boolean stdin;

    /** The raw key as given (a trailing newline is allowed), or empty when none was given. */
    Optional<byte[]> read(AgentContext context, boolean prompt) {
        if (file != null && stdin) {
            throw new ExitException(
                    ExitCode.USAGE, "give the disk key either with --disk-key-file or --disk-key-stdin");
        }
        if (file != null) {
            return Optional.of(Cli.read("--disk-key-file", file, BoundedInput.DISK_KEY_CAP));
        }
        if (stdin) {
            return Optional.of(Cli.readStdin("--disk-key-stdin", context.stdin(), BoundedInput.DISK_KEY_CAP));
        }
        if (!prompt) {
            return Optional.empty();
        }
        Optional<char[]> first = context.prompter().secret("Disk passphrase for the new ZFS pool: ");
        if (first.isEmpty()) {
            return Optional.empty();
        }
        char[] second = context.prompter().secret("Again: ").orElse(new char[0]);
        try {
            if (!Arrays.equals(first.get(), second)) {
                throw new ExitException(ExitCode.BAD_INPUT, "the two passphrases differ");
            }
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(first.get()));
            byte[] key = new byte[bytes.remaining()];
            bytes.get(key);
            Arrays.fill(bytes.array(), (byte) 0);
            return Optional.of(key);
        } finally {
            Arrays.fill(first.get(), '\0');
            Arrays.fill(second, '\0');
        }
    }
}
