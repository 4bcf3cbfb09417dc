package dev.reinstaller.installer.confirm;

import dev.reinstaller.hostinfo.process.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link Console} over a byte stream and a writer: {@code /dev/console} in the ramdisk (opened on
 * first use, since opening a terminal can block), piped input in tests. For a secret line on a
 * terminal it turns echo off with {@code stty -F DEVICE -echo} before the prompt and on again after
 * the read, when a device is named.
 */
public final class StreamConsole implements Console {
    private static final Duration STTY = Duration.ofSeconds(5);

    private final Supplier<InputStream> input;
    private final PrintWriter output;
    private final Optional<String> device;
    private final Processes processes;
    private BufferedReader reader;

    /**
     * @param input opens the stream to read, once, on the first read
     * @param device the terminal for {@code stty} (absolute path), or empty for a pipe
     * @param processes runs {@code stty}
     */
    public StreamConsole(
            Supplier<InputStream> input, PrintWriter output, Optional<String> device, Processes processes) {
        this.input = input;
        this.output = output;
        this.device = device;
        this.processes = processes;
    }

    @Override
    public synchronized Optional<String> ask(String prompt, boolean secret) {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(input.get(), StandardCharsets.UTF_8));
        }
        boolean quiet = secret && device.isPresent() && stty("-echo");
        show(prompt);
        try {
            return Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            if (quiet) {
                stty("echo");
                show("\n");
            }
        }
    }

    @Override
    public void show(String text) {
        synchronized (output) {
            output.print(text);
            output.flush();
        }
    }

    private boolean stty(String mode) {
        return processes
                .run(List.of("stty", "-F", device.orElseThrow(), mode), STTY)
                .ok();
    }
}
