package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The help's exit-code lines: every code once, in order, with a tool's own cases where it names them. */
class ExitCodeTest {
    @Test
    void everyCodeIsListedInOrderWithTheCasesAToolNames() {
        String[] lines = ExitCode.helpLines(Map.of(ExitCode.REFUSED, "preflight, host key"));

        assertThat(lines)
                .containsExactly(
                        "  0  ok",
                        "  1  failed",
                        "  2  usage (bad options)",
                        "  3  refused by a check (preflight, host key)",
                        "  4  remote failed",
                        "  5  timeout",
                        "  6  bad input");
    }

    @Test
    void theCodesAreTheDocumentedNumbersWithoutGaps() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }
}
