package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.local.LocalProcesses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link LocalProcesses} that runs nothing: it records each argv and the environment it was given,
 * prints the scripted lines and ends the scripted way. Real {@code nix copy} cannot run in tests.
 */
public final class RecordingProcesses implements LocalProcesses {
    /** One call as received. */
    public record Call(List<String> argv, Map<String, String> environment, Duration deadline) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Function<Call, Ended> answer;
    private final List<String> output;

    public RecordingProcesses(List<String> output, Function<Call, Ended> answer) {
        this.output = List.copyOf(output);
        this.answer = answer;
    }

    /** Every run exits 0 after printing {@code output}. */
    public static RecordingProcesses succeeding(String... output) {
        return new RecordingProcesses(List.of(output), call -> new Ended.Exited(0, List.of(output)));
    }

    /** Nothing is expected to run: every run reports that it could not start. */
    public static RecordingProcesses none() {
        return new RecordingProcesses(List.of(), call -> new Ended.NotStarted("no local programs in this test"));
    }

    @Override
    public Ended run(List<String> argv, Map<String, String> environment, Duration deadline, Consumer<String> lines) {
        Call call = new Call(List.copyOf(argv), Map.copyOf(environment), deadline);
        calls.add(call);
        output.forEach(lines);
        return answer.apply(call);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
