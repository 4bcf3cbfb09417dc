package dev.reinstaller.agent.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Processes} for tests: answers commands from a script keyed by argv and records every run
 * (argv and stdin), so tests can assert what ran and that no secret was passed.
 */
public final class ScriptedProcesses implements Processes {
    private final Map<List<String>, ProcessResult> script = new HashMap<>();
    private final List<List<String>> runs = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();

    /** Answers {@code argv} with exit code 0 and {@code stdout}. */
    public ScriptedProcesses answer(List<String> argv, String stdout) {
        return answer(argv, 0, stdout, "");
    }

    public ScriptedProcesses answer(List<String> argv, int exitCode, String stdout, String stderr) {
        script.put(List.copyOf(argv), new ProcessResult(argv, exitCode, stdout, stderr));
        return this;
    }

    @Override
    public synchronized ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        runs.add(List.copyOf(argv));
        inputs.add(stdin.clone());
        ProcessResult result = script.get(argv);
        if (result == null) {
            throw new ProcessException("no scripted answer for: " + String.join(" ", argv));
        }
        return result;
    }

    public synchronized List<List<String>> runs() {
        return List.copyOf(runs);
    }

    /** Everything that was passed to any command, argv and stdin, as one text for secret scans. */
    public synchronized String everythingPassed() {
        StringBuilder all = new StringBuilder();
        runs.forEach(argv -> all.append(String.join(" ", argv)).append('\n'));
        inputs.forEach(
                in -> all.append(new String(in, StandardCharsets.ISO_8859_1)).append('\n'));
        return all.toString();
    }
}
