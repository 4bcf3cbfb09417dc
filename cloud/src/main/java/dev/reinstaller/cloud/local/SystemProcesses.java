package dev.reinstaller.cloud.local;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.Processes.ProcessException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link LocalProcesses} through the one process runner of the project ({@code hostinfo}'s
 * {@link Processes#stream}, which kills a command past its deadline with its children), keeping the
 * last {@value #TAIL} output lines for the report.
 */
public final class SystemProcesses implements LocalProcesses {
    static final int TAIL = 20;

    private final Processes processes;

    public SystemProcesses() {
        this(new dev.reinstaller.hostinfo.process.SystemProcesses());
    }

    SystemProcesses(Processes processes) {
        this.processes = processes;
    }

    @Override
    public Ended run(List<String> argv, Map<String, String> environment, Duration deadline, Consumer<String> lines) {
        Deque<String> tail = new ArrayDeque<>();
        Consumer<String> kept = line -> {
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
            lines.accept(line);
        };
        try {
            return new Ended.Exited(processes.stream(argv, environment, deadline, kept), copy(tail));
        } catch (ProcessException e) {
            // A transient failure is the deadline (or an interrupt); a permanent one, a program that did not start.
            return e.transientFailure() ? new Ended.TimedOut(copy(tail)) : new Ended.NotStarted(e.getMessage());
        }
    }

    private static List<String> copy(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }
}
