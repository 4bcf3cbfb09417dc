package dev.reinstaller.agent.facts;

import dev.reinstaller.agent.system.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Processes} that answers with recorded output by exact argv; an unknown command cannot start. */
public final class FakeProcesses implements Processes {
    private final Map<List<String>, ProcessResult> answers = new HashMap<>();
    private final List<List<String>> calls = new ArrayList<>();

    public FakeProcesses answer(List<String> argv, int exitCode, String stdout) {
        answers.put(List.copyOf(argv), new ProcessResult(argv, exitCode, stdout, exitCode == 0 ? "" : "failed"));
        return this;
    }

    @Override
    public synchronized ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        calls.add(List.copyOf(argv));
        ProcessResult result = answers.get(argv);
        if (result == null) {
            throw new ProcessException("cannot start " + argv.getFirst() + ": not in the fixture (" + argv + ")");
        }
        return result;
    }

    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }
}
