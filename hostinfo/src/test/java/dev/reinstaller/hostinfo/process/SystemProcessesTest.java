package dev.reinstaller.hostinfo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemProcessesTest {

    @Test
    void failuresSayWhetherTryingAgainCanHelp() {
        SystemProcesses processes = new SystemProcesses();

        assertThatThrownBy(() -> processes.run(List.of("sleep", "5"), Duration.ofMillis(200)))
                .isInstanceOfSatisfying(
                        Processes.ProcessException.class,
                        e -> assertThat(e.transientFailure()).isTrue());
        assertThatThrownBy(() -> processes.run(List.of("/nonexistent/x"), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(
                        Processes.ProcessException.class,
                        e -> assertThat(e.transientFailure()).isFalse());
        assertThatThrownBy(() -> processes
                        .run(List.of("sh", "-c", "echo nope >&2; exit 3"), Duration.ofSeconds(10))
                        .stdoutOrThrow())
                .isInstanceOfSatisfying(
                        Processes.ProcessException.class,
                        e -> assertThat(e.transientFailure()).isFalse())
                .hasMessage("sh -c echo nope >&2; exit 3 exited with 3: nope");
        assertThat(processes
                        .run(List.of("cat"), "ok".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10))
                        .stdoutOrThrow())
                .isEqualTo("ok");
    }

    @Test
    void theFakeRecordsWhatRanAndAnswersFromItsScriptOrItsFallback() {
        FakeProcesses strict = FakeProcesses.strict().answer(List.of("uname", "-m"), "x86_64\n");
        assertThat(strict.run(List.of("uname", "-m"), Duration.ofSeconds(1)).stdout())
                .isEqualTo("x86_64\n");
        assertThatThrownBy(() -> strict.run(List.of("lsblk"), "secret".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(Processes.ProcessException.class)
                .hasMessageContaining("cannot start lsblk");
        assertThat(strict.runs()).containsExactly(List.of("uname", "-m"), List.of("lsblk"));
        assertThat(strict.everythingPassed()).contains("secret");

        FakeProcesses succeeding = FakeProcesses.succeeding().answer(List.of("false"), 1, "");
        assertThat(succeeding.run(List.of("true"), Duration.ofSeconds(1)).ok()).isTrue();
        assertThat(succeeding.run(List.of("false"), Duration.ofSeconds(1)).stderr())
                .isEqualTo("failed");
    }
}
