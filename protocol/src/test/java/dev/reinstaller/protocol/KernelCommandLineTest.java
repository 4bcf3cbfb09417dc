package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCommandLineTest {
    private static List<String> words(String cmdline) {
        return KernelCommandLine.parse(cmdline).stream()
                .map(KernelCommandLine.Parameter::toString)
                .toList();
    }

    @Test
    void splitsOnAnyWhitespaceAndKeepsBareFlags() {
        assertThat(KernelCommandLine.parse(" quiet\tro  console=ttyS0,115200\n"))
                .containsExactly(
                        new KernelCommandLine.Parameter("quiet", null),
                        new KernelCommandLine.Parameter("ro", null),
                        new KernelCommandLine.Parameter("console", "ttyS0,115200"));
    }

    @Test
    void quotesGroupSpacesAndAreNotPartOfTheValue() {
        assertThat(words("a=\"b c\" \"d=e f\" g=\"\" h=x=y")).containsExactly("a=b c", "d=e f", "g=", "h=x=y");
    }

    @Test
    void theInitSeparatorIsDroppedButWhatFollowsIsKept() {
        assertThat(words("ro -- single reinstaller.v=1")).containsExactly("ro", "single", "reinstaller.v=1");
    }

    @Test
    void theBudgetCountsBytesAndTheNul() {
        assertThat(KernelCommandLine.fits("a".repeat(KernelCommandLine.MAX_BYTES - 1)))
                .isTrue();
        assertThat(KernelCommandLine.fits("a".repeat(KernelCommandLine.MAX_BYTES)))
                .isFalse();
        assertThat(KernelCommandLine.byteLength("\u00e9")).isEqualTo(2);
        assertThat(KernelCommandLine.parse("")).isEmpty();
    }
}
