package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The exit codes are the documented numbers (the help's table is in {@code cli.ProgramTest}). */
class ExitCodeTest {
    @Test
    void theCodesAreTheDocumentedNumbersWithoutGaps() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }
}
