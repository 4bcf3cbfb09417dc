package dev.reinstaller.hostinfo.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one {@link Processes} for tests of the agent and the installer: answers from a script keyed by
 * exact argv, else from a fallback ({@link #strict}: the command cannot start; {@link #succeeding}:
 * exit 0 with empty output; {@link #answering}: a function), and records every run, argv and stdin,
 * for assertions and secret scans. A streamed command gets its scripted stdout line by line.
 */
public final class FakeProcesses implements Processes {
    private final Map<List<String>, ProcessResult> script = new HashMap<>();
    private final List<List<String>> runs = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final Function<List<String>, ProcessResult> otherwise;

    private FakeProcesses(Function<List<String>, ProcessResult> otherwise) {
        this.otherwise = otherwise;
    }

    /** A command without a scripted answer cannot start (a {@link ProcessException}, as a missing program). */
    public static FakeProcesses strict() {
        return new FakeProcesses(argv -> {
            throw new ProcessException(
                    false,
                    "cannot start " + argv.getFirst() + ": no scripted answer for: " + String.join(" ", argv),
                    null);
        });
    }

    /** A command without a scripted answer succeeds with empty output. */
    public static FakeProcesses succeeding() {
        return new FakeProcesses(argv -> new ProcessResult(argv, 0, "", ""));
    }

    /** A command without a scripted answer gets what {@code answer} gives (or throws). */
    public static FakeProcesses answering(Function<List<String>, ProcessResult> answer) {
        return new FakeProcesses(answer);
    }

    /** Answers {@code argv} with exit code 0 and {@code stdout}. */
    public FakeProcesses answer(List<String> argv, String stdout) {
        return answer(argv, 0, stdout, "");
    }

    /** Answers {@code argv} with {@code exitCode} and {@code stdout}; stderr says "failed" when it is not 0. */
    public FakeProcesses answer(List<String> argv, int exitCode, String stdout) {
        return answer(argv, exitCode, stdout, exitCode == 0 ? "" : "failed");
    }

    public synchronized FakeProcesses answer(List<String> argv, int exitCode, String stdout, String stderr) {
        script.put(List.copyOf(argv), new ProcessResult(argv, exitCode, stdout, stderr));
        return this;
    }

    @Override
    public synchronized ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        runs.add(List.copyOf(argv));
        inputs.add(stdin.clone());
        return answerFor(argv);
    }

    @Override
    public synchronized int stream(
            List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        runs.add(List.copyOf(argv));
        inputs.add(new byte[0]);
        ProcessResult result = answerFor(argv);
        result.stdout().lines().forEach(lines);
        return result.exitCode();
    }

    private ProcessResult answerFor(List<String> argv) {
        ProcessResult scripted = script.get(argv);
        return scripted != null ? scripted : otherwise.apply(List.copyOf(argv));
    }

    /** Every argv run so far, in order. */
    public synchronized List<List<String>> runs() {
        return List.copyOf(runs);
    }

    /** Every stdin passed so far, in the order of {@link #runs}. */
    public synchronized List<byte[]> inputs() {
        return inputs.stream().map(byte[]::clone).toList();
    }

    /** Everything passed to any command, argv and stdin, as one text for secret scans. */
    public synchronized String everythingPassed() {
        StringBuilder all = new StringBuilder();
        runs.forEach(argv -> all.append(String.join(" ", argv)).append('\n'));
        inputs.forEach(
                in -> all.append(new String(in, StandardCharsets.ISO_8859_1)).append('\n'));
        return all.toString();
    }
}
