package dev.reinstaller.agent.testing;

import dev.reinstaller.agent.system.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A {@link Processes} that records every argv and stdin and answers from a function. */
public final class RecordingProcesses implements Processes {
    private final List<List<String>> argvs = new ArrayList<>();
    private final List<byte[]> stdins = new ArrayList<>();
    private final Function<List<String>, ProcessResult> answer;

    public RecordingProcesses(Function<List<String>, ProcessResult> answer) {
        this.answer = answer;
    }

    /** Every command succeeds with empty output. */
    public static RecordingProcesses succeeding() {
        return new RecordingProcesses(argv -> new ProcessResult(argv, 0, "", ""));
    }

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
        argvs.add(List.copyOf(argv));
        stdins.add(stdin.clone());
        return answer.apply(argv);
    }

    public List<List<String>> argvs() {
        return List.copyOf(argvs);
    }

    public List<byte[]> stdins() {
        return List.copyOf(stdins);
    }
}
