package dev.reinstaller.cloud.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real processes: how each one ended, its lines as they came and the tail kept for the report. */
class SystemProcessesTest {
    private final SystemProcesses processes = new SystemProcesses();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void anExitCodeComesWithTheMergedOutputAndTheEnvironmentIsAdded() {
        LocalProcesses.Ended ended = processes.run(
                List.of("sh", "-c", "echo out; echo \"err $GREETING\" >&2; exit 3"),
                Map.of("GREETING", "hello"),
                Duration.ofSeconds(30),
                lines::add);

        assertThat(ended).isEqualTo(new LocalProcesses.Ended.Exited(3, List.of("out", "err hello")));
        assertThat(lines).containsExactly("out", "err hello");
    }

    @Test
    void onlyTheLastLinesAreKeptButEveryLineIsHandedOn() {
        LocalProcesses.Ended ended =
                processes.run(List.of("seq", "1", "50"), Map.of(), Duration.ofSeconds(30), lines::add);

        assertThat(((LocalProcesses.Ended.Exited) ended).tail())
                .hasSize(SystemProcesses.TAIL)
                .startsWith("31")
                .endsWith("50");
        assertThat(lines).hasSize(50);
    }

    @Test
    void aCommandPastItsDeadlineIsKilledAndTimedOut() {
        long began = System.nanoTime();
        LocalProcesses.Ended ended = processes.run(
                List.of("sh", "-c", "echo started; exec sleep 60"), Map.of(), Duration.ofMillis(500), lines::add);

        assertThat(ended).isInstanceOf(LocalProcesses.Ended.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aMissingProgramDidNotStart() {
        LocalProcesses.Ended ended =
                processes.run(List.of("/nonexistent/nix", "copy"), Map.of(), Duration.ofSeconds(30), lines::add);

        assertThat(ended)
                .isInstanceOfSatisfying(
                        LocalProcesses.Ended.NotStarted.class,
                        n -> assertThat(n.reason()).contains("/nonexistent/nix"));
    }
}
