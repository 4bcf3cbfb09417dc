package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class QuotedTest {
    @Test
    void aLongValueIsCutToEightyCharactersAndSaysHowMuchIsLeft() {
        String quoted = Quoted.of("h".repeat(10_000_000));
        assertThat(quoted)
                .startsWith("h".repeat(80) + "... (9999920 more characters)")
                .hasSize(80 + 29);
    }

    @Test
    void controlCharactersNeverReachTheTerminalRaw() {
        String quoted = Quoted.of("web\u001b[31m\u0000\n\u202e");
        assertThat(quoted).isEqualTo("web\\u001b[31m\\u0000\\n\\u202e");
        assertThat(quoted.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void plainValuesAndOtherScriptsStayAsTheyAre() {
        assertThat(Quoted.of("web-01.example.org")).isEqualTo("web-01.example.org");
        assertThat(Quoted.of("Zürich ✓")).isEqualTo("Zürich ✓");
        assertThat(Quoted.of(null)).isEqualTo("null");
    }

    @Test
    void invalidFieldMessagesQuoteTheValue() {
        assertThatThrownBy(() -> Check.hostId("hostId", "\u001b]0;pwned\u0007" + "x".repeat(1_000_000)))
                .hasMessageContaining("\\u001b]0;pwned\\u0007")
                .hasMessageContaining("more characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void boundedInputStopsOneByteAfterTheCap() throws Exception {
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'z';
            }
        };
        assertThatThrownBy(() -> BoundedInput.read(endless, 514, "--disk-key-stdin"))
                .isInstanceOf(BoundedInput.TooLarge.class)
                .hasMessage("--disk-key-stdin is larger than 514 bytes, more than it can be");
        assertThat(served[0]).isEqualTo(515);
        assertThat(BoundedInput.read(new ByteArrayInputStream(new byte[514]), 514, "x"))
                .hasSize(514);
        assertThat(BoundedInput.read(new ByteArrayInputStream(new byte[0]), 514, "x"))
                .isEmpty();
    }
}
