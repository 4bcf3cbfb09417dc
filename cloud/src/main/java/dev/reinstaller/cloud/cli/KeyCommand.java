package dev.reinstaller.cloud.cli;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs the operator's key command ({@code pass show hosts/web-1}) through {@code /bin/sh -c} on this
 * machine: its standard output is the key, its standard error is kept for the message when it fails.
 * Standard input stays the terminal's, so a command may ask for a PIN. It must finish within the
 * deadline.
 */
final class KeyCommand {
    static final Duration DEADLINE = Duration.ofMinutes(5);

    private final String command;
    private final Duration deadline;

    KeyCommand(String command, Duration deadline) {
        if (command == null || command.isBlank()) {
            throw new ExitException(ExitCode.USAGE, "--disk-key-command must not be empty");
        }
        this.command = command;
        this.deadline = deadline;
    }

    byte[] run() {
        Process process;
        try {
            process = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new ExitException(ExitCode.BAD_INPUT, "cannot start the disk key command: " + e.getMessage(), e);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread output = Thread.ofVirtual().start(() -> drain(process.getInputStream(), stdout));
        Thread errors = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ExitException(
                        ExitCode.TIMEOUT,
                        "the disk key command did not finish within " + deadline.toSeconds() + " s: " + command);
            }
            output.join(Duration.ofSeconds(5));
            errors.join(Duration.ofSeconds(5));
            byte[] key = stdout.toByteArray();
            wipe(stdout);
            if (process.exitValue() != 0) {
                java.util.Arrays.fill(key, (byte) 0);
                String why = stderr.toString(StandardCharsets.UTF_8).strip();
                throw new ExitException(
                        ExitCode.BAD_INPUT,
                        "the disk key command `" + command + "` exited " + process.exitValue()
                                + (why.isEmpty()
                                        ? ""
                                        : ": " + why.lines().reduce((a, b) -> b).orElse("")));
            }
            return key;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCode.FAILED, "interrupted while the disk key command ran", e);
        }
    }

    /** Overwrites the buffer's internal array (reset alone would leave the bytes in it). */
    private static void wipe(ByteArrayOutputStream buffer) {
        int size = buffer.size();
        buffer.reset();
        buffer.writeBytes(new byte[size]);
        buffer.reset();
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            in.transferTo(into);
        } catch (IOException e) {
            // Standard error is only for the message; losing it loses nothing else.
        }
    }
}
