package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stalled and slow {@code /events} subscribers at the ramdisk's heap: {@link EventStreamLoad} in a JVM
 * of its own with {@code -Xmx256m}.
 */
class EventStreamHeapTest {
    /** The stated bound on the live heap while subscribers stall: history plus connection buffers. */
    static final long LIVE_HEAP_BOUND_MIB = 64;

    /**
     * The p99 of {@code /status} the suite insists on. The target is 100 ms; the suite also runs on
     * build machines with two cores and a load of ten, where scheduling alone adds that much, so it
     * allows 250 ms and prints the measured value.
     */
    static final long STATUS_P99_BOUND_MILLIS = 250;

    private static final long RUN_SECONDS = 150;

    @Test
    void stalledSubscribersNeitherGrowTheHeapNorDelayStatus() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EventStreamLoad.class.getName()))
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = Thread.ofPlatform().daemon().start(() -> copy(process.getInputStream(), output));
        boolean ended = process.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(5000);
        String text = output.toString(StandardCharsets.UTF_8);
        System.out.println(
                text.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("no RESULT line"));

        assertThat(ended)
                .as("the load run ended within %d s; output:%n%s", RUN_SECONDS, text)
                .isTrue();
        Map<String, String> result = result(text);
        assertThat(result).as("output:%n%s", text).containsEntry("outcome", "completed");
        assertThat(Long.parseLong(result.get("maxLiveHeapMiB"))).isLessThan(LIVE_HEAP_BOUND_MIB);
        assertThat(Long.parseLong(result.get("probes"))).isGreaterThan(10);
        assertThat(Long.parseLong(result.get("statusP99Millis"))).isLessThan(STATUS_P99_BOUND_MILLIS);
        assertThat(Long.parseLong(result.get("slowBytes"))).isPositive();
    }

    private static Map<String, String> result(String text) {
        Map<String, String> fields = new HashMap<>();
        text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().ifPresent(l -> {
            for (String pair : l.substring(7).split(" ")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        });
        return fields;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        }
    }
}
