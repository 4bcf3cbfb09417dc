package dev.reinstaller.protocol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The size goals of the wire format hold on every build, not only when someone runs the benchmark. */
class InlineSizeBenchmarkTest {

    @Test
    void theSizeGoalsAreMet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = InlineSizeBenchmark.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("typical Hetzner host: ", "1000 random Hetzner-shaped hosts: median ", "goals met");
    }

    @Test
    void theOriginalParameterOfTheTypicalHostIsAboutSevenHundredEightyCharacters() {
        assertThat(InlineSizeBenchmark.legacyLength()).isBetween(700, 850);
    }
}
