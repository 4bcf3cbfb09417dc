package dev.reinstaller.agent.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PassphraseTest {

    private static byte[] of(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String rejection(byte[] raw) {
        return switch (Passphrase.check(raw)) {
            case Passphrase.Accepted accepted -> throw new AssertionError("accepted " + accepted);
            case Passphrase.Rejected rejected -> rejected.reason();
        };
    }

    private static byte[] accepted(byte[] raw) {
        return switch (Passphrase.check(raw)) {
            case Passphrase.Accepted accepted -> accepted.key();
            case Passphrase.Rejected rejected -> throw new AssertionError(rejected.reason());
        };
    }

    @Test
    void sevenBytesAreTooShortAndEightAreEnough() {
        assertThat(rejection(of("seven77"))).isEqualTo("is 7 bytes; ZFS accepts 8 to 512");
        assertThat(accepted(of("eight888"))).isEqualTo(of("eight888"));
    }

    @Test
    void fiveHundredTwelveBytesPassAndOneMoreFails() {
        assertThat(accepted(of("k".repeat(512)))).hasSize(512);
        assertThat(rejection(of("k".repeat(513)))).isEqualTo("is 513 bytes; ZFS accepts 8 to 512");
    }

    @Test
    void oneTrailingNewlineIsStripped() {
        assertThat(accepted(of("correct horse\n"))).isEqualTo(of("correct horse"));
        assertThat(accepted(of("correct horse\r\n"))).isEqualTo(of("correct horse"));
        assertThat(accepted(of("k".repeat(512) + "\n"))).hasSize(512);
        assertThat(rejection(of("seven77\n")))
                .isEqualTo("is 7 bytes (after removing the trailing newline); ZFS accepts 8 to 512");
    }

    @Test
    void anEmbeddedLineBreakFailsWithoutEchoingTheKey() {
        String reason = rejection(of("first-line\nsecond-line"));

        assertThat(reason).isEqualTo("contains a line break at byte 11 of 22: the passphrase must be one line");
        assertThat(reason).doesNotContain("first-line").doesNotContain("second-line");
        assertThat(rejection(of("two\n\n-lines-here"))).contains("line break");
        assertThat(rejection(of("carriage\rreturn"))).contains("line break at byte 9");
        assertThat(rejection(of("trailing-two\n\n"))).contains("line break at byte 13");
    }

    @Test
    void aNulByteFails() {
        assertThat(rejection(of("abcd\0efgh"))).isEqualTo("contains a NUL byte at byte 5 of 9");
    }

    @Test
    void theAcceptedVerdictDoesNotPrintTheKey() {
        assertThat(Passphrase.check(of("hunter2-hunter2")).toString())
                .isEqualTo("Accepted[15 bytes]")
                .doesNotContain("hunter2");
    }
}
