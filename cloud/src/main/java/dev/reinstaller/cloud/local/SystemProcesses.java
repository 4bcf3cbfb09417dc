package dev.reinstaller.cloud.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link LocalProcesses} through {@link ProcessBuilder}; output read on a virtual thread. */
public final class SystemProcesses implements LocalProcesses {
    static final int TAIL = 20;

    @Override
    public Ended run(List<String> argv, Map<String, String> environment, Duration deadline, Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Ended.NotStarted(argv.getFirst() + ": " + e.getMessage());
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().name("output of " + argv.getFirst()).start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(5));
                return new Ended.TimedOut(copy(tail));
            }
            reader.join(Duration.ofSeconds(5));
            return new Ended.Exited(process.exitValue(), copy(tail));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Ended.TimedOut(copy(tail));
        }
    }

    private static List<String> copy(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }
}
