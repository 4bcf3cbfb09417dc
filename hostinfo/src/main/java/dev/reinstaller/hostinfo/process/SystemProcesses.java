package dev.reinstaller.hostinfo.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The real {@link Processes}: {@link ProcessBuilder}, output drained on virtual threads, a command past
 * its deadline killed (with its children, for {@link #stream}). It does not police what it runs; the
 * installer wraps it in its command policy.
 */
public final class SystemProcesses implements Processes {
    /** How long the output reader may lag behind a finished or killed command. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new ProcessException(false, "cannot start " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command may exit without reading its input; its exit code tells
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProcessException(
                        true, String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s", null);
            }
            return new ProcessResult(
                    argv,
                    process.exitValue(),
                    out.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ProcessException(true, "interrupted while running " + argv.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProcessException(true, "cannot read the output of " + argv.getFirst(), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                },
                runnable -> Thread.ofVirtual().start(runnable));
    }

    @Override
    public int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProcessException(false, "cannot start " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<Void> reader = CompletableFuture.runAsync(
                () -> forEachLine(process.getInputStream(), lines),
                runnable -> Thread.ofVirtual().start(runnable));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ProcessException(
                        true,
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s; killed",
                        null);
            }
            reader.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new ProcessException(true, "interrupted while running " + argv.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProcessException(true, "cannot read the output of " + argv.getFirst(), e);
        }
    }

    private static void forEachLine(InputStream stream, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
        } catch (IOException e) {
            // the stream closes when the command is killed; its exit code or the deadline tells
        }
    }
}
