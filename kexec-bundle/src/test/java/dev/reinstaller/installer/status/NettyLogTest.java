package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogLevel;
import io.netty.util.internal.logging.InternalLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final InternalLogger log =
            new NettyLog(new PrintStream(bytes, true, StandardCharsets.UTF_8)).newInstance("io.netty.Test");

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsAndErrorsArePrintedWithTheirArguments() {
        log.warn("channel {} closed after {} bytes", "c1", 42);
        log.error("plain");
        log.warn("three {} {} {}", 1, 2, 3);
        log.error("too few {} {}", "one");

        assertThat(printed().lines())
                .containsExactly(
                        "netty WARN io.netty.Test: channel c1 closed after 42 bytes",
                        "netty ERROR io.netty.Test: plain",
                        "netty WARN io.netty.Test: three 1 2 3",
                        "netty ERROR io.netty.Test: too few one {}");
    }

    @Test
    void aThrowableBeyondThePlaceholdersIsPrintedWithItsTrace() {
        log.warn("handler failed", new IllegalStateException("boom"));
        log.error("in {}", "pipeline", new IllegalArgumentException("bad"));

        assertThat(printed())
                .contains("netty WARN io.netty.Test: handler failed\njava.lang.IllegalStateException: boom\n\tat ")
                .contains("netty ERROR io.netty.Test: in pipeline\njava.lang.IllegalArgumentException: bad");
    }

    @Test
    void nothingBelowWarningsIsPrinted() {
        log.trace("t {}", 1);
        log.debug("d");
        log.info("i {} {}", 1, 2);

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isWarnEnabled()).isTrue();
        assertThat(printed()).isEmpty();
    }

    @Test
    void theLevelMayComeAsAnArgumentAndAThrowableAlone() {
        log.log(InternalLogLevel.ERROR, "lost {}", "c2");
        log.log(InternalLogLevel.INFO, "not shown {}", 1);
        log.warn(new IllegalStateException("alone"));

        assertThat(log.isEnabled(InternalLogLevel.DEBUG)).isFalse();
        assertThat(log.isEnabled(InternalLogLevel.ERROR)).isTrue();
        assertThat(log.name()).isEqualTo("io.netty.Test");
        assertThat(printed())
                .startsWith("netty ERROR io.netty.Test: lost c2\n")
                .contains("netty WARN io.netty.Test: Unexpected exception:\njava.lang.IllegalStateException: alone")
                .doesNotContain("not shown");
    }
}
