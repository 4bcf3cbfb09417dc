package dev.reinstaller.installer.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link Processes} for tests: answers from a script keyed by argv (unscripted commands succeed with
 * empty output) and records every run, argv and stdin, for assertions and secret scans.
 */
public final class RecordingProcesses implements Processes {
    private final Map<List<String>, ProcessResult> script = new HashMap<>();
    private final List<List<String>> runs = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();

    public synchronized RecordingProcesses answer(List<String> argv, int exitCode, String stdout, String stderr) {
        script.put(List.copyOf(argv), new ProcessResult(argv, exitCode, stdout, stderr));
        return this;
    }

    @Override
    public synchronized ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        runs.add(List.copyOf(argv));
        inputs.add(stdin.clone());
        return script.getOrDefault(argv, new ProcessResult(argv, 0, "", ""));
    }

    @Override
    public synchronized int stream(
            List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        runs.add(List.copyOf(argv));
        inputs.add(new byte[0]);
        ProcessResult result = script.getOrDefault(argv, new ProcessResult(argv, 0, "", ""));
        result.stdout().lines().forEach(lines);
        return result.exitCode();
    }

    public synchronized List<List<String>> runs() {
        return List.copyOf(runs);
    }

    public synchronized List<byte[]> inputs() {
        return inputs.stream().map(byte[]::clone).toList();
    }

    /** Everything passed to any command, argv and stdin, as one text. */
    public synchronized String everythingPassed() {
        StringBuilder all = new StringBuilder();
        runs.forEach(argv -> all.append(String.join(" ", argv)).append('\n'));
        inputs.forEach(
                in -> all.append(new String(in, StandardCharsets.ISO_8859_1)).append('\n'));
        return all.toString();
    }
}
