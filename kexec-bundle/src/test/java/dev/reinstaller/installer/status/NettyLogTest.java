package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Netty's log as the installer sets it up, in a JVM of its own (the provider reads its settings
 * and takes standard error once, at its first logger).
 */
class NettyLogTest {
    /** What the child JVM runs: the installer's setup, then a line at each level. */
    public static final class Probe {
        private Probe() {}

        public static void main(String[] args) {
            NettyLog.install();
            InternalLogger log = InternalLoggerFactory.getInstance("io.netty.Test");
            log.trace("t {}", 1);
            log.debug("d");
            log.info("i {} {}", 1, 2);
            log.warn("channel {} closed after {} bytes", "c1", 42);
            log.error("in {}", "pipeline", new IllegalArgumentException("bad"));
            System.out.println("debug " + log.isDebugEnabled() + ", warn " + log.isWarnEnabled());
        }
    }

    @Test
    void warningsAndErrorsGoToStandardErrorWithTheirArgumentsAndNothingBelow() throws Exception {
        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName())
                .start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ends").isTrue();
        String err = read(probe.getErrorStream().readAllBytes());
        String out = read(probe.getInputStream().readAllBytes());

        assertThat(probe.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("debug false, warn true\n");
        assertThat(err.lines().toList().subList(0, 3))
                .isEqualTo(List.of(
                        "WARN Test - channel c1 closed after 42 bytes",
                        "ERROR Test - in pipeline",
                        "java.lang.IllegalArgumentException: bad"));
        assertThat(err).doesNotContain("t 1", "\nd\n", "i 1 2", "SLF4J");
    }

    private static String read(byte[] bytes) throws IOException {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
