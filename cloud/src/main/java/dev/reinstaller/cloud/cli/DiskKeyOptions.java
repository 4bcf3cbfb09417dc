package dev.reinstaller.cloud.cli;

import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.Quoted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * Where the pool passphrase comes from: a file, a local command's standard output, standard input, or
 * (where a command allows it) a prompt on the terminal. The key itself never appears on a command line
 * or in the environment; the command's text is not a secret, its output is.
 */
final class DiskKeyOptions {
    @Option(names = "--disk-key-file", paramLabel = "FILE", description = "Read the pool passphrase from FILE.")
    Path file;

    @Option(
            names = "--disk-key-command",
            paramLabel = "CMD",
            description = "Run CMD with /bin/sh -c; its standard output is the pool passphrase.")
    String command;

    @Option(names = "--disk-key-stdin", description = "Read the pool passphrase from standard input.")
    boolean stdin;

    /** Whether no source was given (a command may then prompt). */
    boolean none() {
        return file == null && command == null && !stdin;
    }

    /**
     * The key bytes (the caller wipes them).
     *
     * @throws ExitException {@link ExitCode#USAGE} unless exactly one source is given, {@link
     *     ExitCode#BAD_INPUT} when it yields nothing
     */
    byte[] read(CloudContext context) {
        int given = (file != null ? 1 : 0) + (command != null ? 1 : 0) + (stdin ? 1 : 0);
        if (given != 1) {
            throw new ExitException(
                    ExitCode.USAGE,
                    "give the pool passphrase with exactly one of --disk-key-file, --disk-key-command or"
                            + " --disk-key-stdin");
        }
        byte[] key;
        try {
            if (file != null) {
                key = BoundedInput.read(
                        file, BoundedInput.DISK_KEY_CAP, "--disk-key-file " + Quoted.of(file.toString()));
            } else if (command != null) {
                key = new KeyCommand(command, KeyCommand.DEADLINE).run();
            } else {
                key = BoundedInput.read(context.stdin(), BoundedInput.DISK_KEY_CAP, "--disk-key-stdin");
            }
        } catch (BoundedInput.TooLarge e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new ExitException(
                    ExitCode.BAD_INPUT, "cannot read the pool passphrase: " + Quoted.of(e.getMessage()), e);
        }
        if (key.length == 0) {
            throw new ExitException(ExitCode.BAD_INPUT, "the pool passphrase is empty");
        }
        return key;
    }

    /** Asks on the terminal; the answer as UTF-8 bytes (the caller wipes them). */
    static byte[] prompt(CloudContext context, String question) {
        char[] answer = context.prompt()
                .apply(question)
                .orElseThrow(() -> new ExitException(
                        ExitCode.USAGE,
                        "no terminal to ask for the pool passphrase: give --disk-key-file, --disk-key-command or"
                                + " --disk-key-stdin"));
        try {
            var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(answer));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Arrays.fill(buffer.array(), (byte) 0);
            if (bytes.length == 0) {
                throw new ExitException(ExitCode.BAD_INPUT, "the pool passphrase is empty");
            }
            return bytes;
        } finally {
            Arrays.fill(answer, '\0');
        }
    }
}
